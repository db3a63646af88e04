package kateval.tasks.session

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class SessionMonitorHiddenTest {
    /** Every state the monitor shows, with the virtual time it was shown at. */
    private fun TestScope.record(monitor: SessionMonitor): MutableList<Pair<Long, SessionState>> {
        val seen = mutableListOf<Pair<Long, SessionState>>()
        backgroundScope.launch { monitor.state.collect { seen += testScheduler.currentTime to it } }
        runCurrent()
        return seen
    }

    private fun TestScope.at(millis: Long) {
        advanceTimeBy(millis - testScheduler.currentTime)
        runCurrent()
    }

    @Test
    fun defaultsWarnAtFourMinutesAndSignOutAtFive() = runTest {
        val monitor = SessionMonitor(backgroundScope)
        val seen = record(monitor)
        at(239_999)
        assertEquals(SessionState.Active, monitor.state.value)
        at(240_000)
        assertEquals(SessionState.Warning(60), monitor.state.value)
        at(240_999)
        assertEquals(SessionState.Warning(60), monitor.state.value)
        at(241_000)
        assertEquals(SessionState.Warning(59), monitor.state.value)
        at(299_000)
        assertEquals(SessionState.Warning(1), monitor.state.value)
        at(299_999)
        assertEquals(SessionState.Warning(1), monitor.state.value)
        at(300_000)
        assertEquals(SessionState.SignedOut, monitor.state.value)
        assertEquals(62, seen.size)
        assertEquals((60 downTo 1).map { SessionState.Warning(it) }, seen.drop(1).dropLast(1).map { it.second })
    }

    @Test
    fun activityResetsTheIdleTimer() = runTest {
        val monitor = SessionMonitor(backgroundScope, warnAfterMillis = 1_000, signOutAfterMillis = 3_000)
        record(monitor)
        at(900)
        monitor.onUserActivity()
        at(1_899)
        assertEquals(SessionState.Active, monitor.state.value)
        at(1_900)
        assertEquals(SessionState.Warning(2), monitor.state.value)
        at(3_899)
        assertEquals(SessionState.Warning(1), monitor.state.value)
        at(3_900)
        assertEquals(SessionState.SignedOut, monitor.state.value)
    }

    @Test
    fun activityDuringTheWarningDismissesIt() = runTest {
        val monitor = SessionMonitor(backgroundScope, warnAfterMillis = 1_000, signOutAfterMillis = 3_000)
        val seen = record(monitor)
        at(2_500)
        assertEquals(SessionState.Warning(1), monitor.state.value)
        monitor.onUserActivity()
        assertEquals(SessionState.Active, monitor.state.value)
        at(5_499)
        assertEquals(SessionState.Warning(1), monitor.state.value)
        at(5_500)
        assertEquals(SessionState.SignedOut, monitor.state.value)
        assertEquals(listOf(0L, 1_000L, 2_000L, 2_500L, 3_500L, 4_500L, 5_500L), seen.map { it.first })
    }

    @Test
    fun oddRemaindersRoundUp() = runTest {
        val monitor = SessionMonitor(backgroundScope, warnAfterMillis = 500, signOutAfterMillis = 2_750)
        val seen = record(monitor)
        at(10_000)
        assertEquals(listOf(0L to SessionState.Active, 500L to SessionState.Warning(3), 750L to SessionState.Warning(2),
            1_750L to SessionState.Warning(1), 2_750L to SessionState.SignedOut), seen)
    }

    @Test
    fun activityAfterSignOutDoesNothing() = runTest {
        val monitor = SessionMonitor(backgroundScope, warnAfterMillis = 1_000, signOutAfterMillis = 2_000)
        record(monitor)
        at(2_000)
        monitor.onUserActivity()
        at(60_000)
        assertEquals(SessionState.SignedOut, monitor.state.value)
    }

    @Test
    fun signOutIsImmediateAndStopsTheTimer() = runTest {
        val monitor = SessionMonitor(backgroundScope, warnAfterMillis = 1_000, signOutAfterMillis = 2_000)
        val seen = record(monitor)
        at(500)
        monitor.signOut()
        assertEquals(SessionState.SignedOut, monitor.state.value)
        at(60_000)
        assertEquals(listOf(0L to SessionState.Active, 500L to SessionState.SignedOut), seen)
    }

    @Test
    fun signInStartsAFreshTimer() = runTest {
        val monitor = SessionMonitor(backgroundScope, warnAfterMillis = 1_000, signOutAfterMillis = 2_000)
        record(monitor)
        at(2_000)
        at(10_000)
        monitor.signIn()
        assertEquals(SessionState.Active, monitor.state.value)
        at(10_999)
        assertEquals(SessionState.Active, monitor.state.value)
        at(11_000)
        assertEquals(SessionState.Warning(1), monitor.state.value)
        monitor.signIn()
        at(11_999)
        assertEquals(SessionState.Active, monitor.state.value)
        at(13_000)
        assertEquals(SessionState.SignedOut, monitor.state.value)
    }

    @Test
    fun cancellingTheScopeStopsTheTimers() = runTest {
        val scope = CoroutineScope(backgroundScope.coroutineContext + Job(backgroundScope.coroutineContext[Job]))
        val monitor = SessionMonitor(scope, warnAfterMillis = 1_000, signOutAfterMillis = 2_000)
        runCurrent()
        at(1_500)
        scope.cancel()
        at(60_000)
        assertEquals(SessionState.Warning(1), monitor.state.value)
    }
}
