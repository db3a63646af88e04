package kateval.tasks.player

import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class PlayerPresenterExamplesTest {
    @Test
    fun showsTheTrackAndPosition() = runTest {
        val player = object : Player {
            override fun positions(): Flow<Long> = flow { var p = 0L; while (true) { emit(p); delay(250); p += 250 } }
            override fun tracks(): Flow<Track> = flowOf(Track("Blue in Green", 337_000))
            override suspend fun seek(toMillis: Long) = delay(100)
        }
        val presenter = PlayerPresenter(player, backgroundScope)
        presenter.onStart()
        advanceTimeBy(600)
        runCurrent()
        assertEquals(PlayerUi("Blue in Green", 337_000, 500), presenter.state.value)
    }
}
