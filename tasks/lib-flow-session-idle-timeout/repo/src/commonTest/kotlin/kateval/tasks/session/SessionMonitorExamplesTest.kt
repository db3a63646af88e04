package kateval.tasks.session

import kotlinx.coroutines.launch
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class SessionMonitorExamplesTest {
    @Test
    fun countdownWithShortTimers() = runTest {
        val monitor = SessionMonitor(backgroundScope, warnAfterMillis = 1_500, signOutAfterMillis = 4_000)
        val seen = mutableListOf<Pair<Long, SessionState>>()
        backgroundScope.launch { monitor.state.collect { seen += testScheduler.currentTime to it } }
        advanceTimeBy(10_000)
        assertEquals(listOf(0L to SessionState.Active, 1_500L to SessionState.Warning(3),
            2_000L to SessionState.Warning(2), 3_000L to SessionState.Warning(1), 4_000L to SessionState.SignedOut),
            seen)
    }
}
