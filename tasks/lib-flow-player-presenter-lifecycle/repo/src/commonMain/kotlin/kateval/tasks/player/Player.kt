package kateval.tasks.player

import kotlinx.coroutines.flow.Flow

data class Track(val title: String, val durationMillis: Long)

/** The media player engine. */
interface Player {
    /** The playback position, a few times a second, while collected. */
    fun positions(): Flow<Long>

    /** The current track, now and on every change, while collected. */
    fun tracks(): Flow<Track>

    /** Moves playback (slow: it refills the buffer). */
    suspend fun seek(toMillis: Long)
}

data class PlayerUi(
    val title: String = "",
    val durationMillis: Long = 0,
    val positionMillis: Long = 0,
    val seeking: Boolean = false,
)
