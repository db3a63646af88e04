package kateval.tasks.player

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.launch

/** Backs the player screen. The screen calls onStart when it shows and onStop when it hides. */
class PlayerPresenter(private val player: Player, private val scope: CoroutineScope) {
    private val mutableState = MutableStateFlow(PlayerUi())
    val state: StateFlow<PlayerUi> = mutableState

    fun onStart() {
        scope.launch {
            player.positions().collect { position ->
                mutableState.value = mutableState.value.copy(positionMillis = position)
            }
        }
        scope.launch {
            player.tracks().collect { track ->
                mutableState.value = mutableState.value.copy(title = track.title, durationMillis = track.durationMillis)
            }
        }
    }

    fun onStop() {
    }

    fun seekTo(millis: Long) {
        mutableState.value = mutableState.value.copy(seeking = true, positionMillis = millis)
        scope.launch {
            player.seek(millis)
            mutableState.value = mutableState.value.copy(seeking = false)
        }
    }
}
