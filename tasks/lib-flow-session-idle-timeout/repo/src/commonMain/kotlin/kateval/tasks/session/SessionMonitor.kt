package kateval.tasks.session

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.StateFlow

/** Signs an idle session out. See instruction.md for the rules. */
class SessionMonitor(
    scope: CoroutineScope,
    private val warnAfterMillis: Long = 4 * 60_000,
    private val signOutAfterMillis: Long = 5 * 60_000,
) {
    val state: StateFlow<SessionState>
        get() = TODO()

    fun onUserActivity() {
        TODO()
    }

    fun signOut() {
        TODO()
    }

    fun signIn() {
        TODO()
    }
}
