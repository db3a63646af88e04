package kateval.tasks.breaker

import kotlin.test.*

class BreakerRetryHiddenTest {
    private var now = 0L
    private val clock = Clock { now }
    private fun breaker(threshold: Int = 3, open: Long = 1_000, probes: Int = 2) = CircuitBreaker(threshold, open, probes, clock)

    @Test
    fun rejectsBadArguments() {
        assertFailsWith<IllegalArgumentException> { CircuitBreaker(0, 1, 1, clock) }
        assertFailsWith<IllegalArgumentException> { CircuitBreaker(1, 0, 1, clock) }
        assertFailsWith<IllegalArgumentException> { CircuitBreaker(1, 1, 0, clock) }
        assertFailsWith<IllegalArgumentException> { RetryingExecutor(0, breaker(), { 0 }, {}) }
    }

    @Test
    fun oneAttemptIsAllowedAndNeverRetried() {
        val sleeps = mutableListOf<Long>()
        val ex = RetryingExecutor(1, breaker(threshold = 10), { 100L * it }, { sleeps += it })
        val out = ex.execute { throw IllegalStateException("once") }
        assertTrue(out is Outcome.Failed && out.attempts == 1 && out.error.message == "once", "$out")
        assertEquals(emptyList(), sleeps)
    }

    @Test
    fun opensAfterConsecutiveFailuresOnly() {
        val b = breaker()
        b.onFailure(); b.onFailure(); b.onSuccess(); b.onFailure(); b.onFailure()
        assertEquals(BreakerState.CLOSED, b.state)
        b.onFailure()
        assertEquals(BreakerState.OPEN, b.state)
        assertFalse(b.tryAcquire())
    }

    @Test
    fun becomesHalfOpenExactlyAfterOpenMillis() {
        val b = breaker(threshold = 1)
        now = 500; b.onFailure()
        now = 1_499
        assertEquals(BreakerState.OPEN, b.state)
        assertFalse(b.tryAcquire())
        now = 1_500
        assertEquals(BreakerState.HALF_OPEN, b.state)
    }

    @Test
    fun halfOpenGrantsLimitedProbesAndClosesOnSuccesses() {
        val b = breaker(threshold = 1, probes = 2)
        b.onFailure(); now = 1_000
        assertTrue(b.tryAcquire()); assertTrue(b.tryAcquire()); assertFalse(b.tryAcquire())
        b.onSuccess()
        assertEquals(BreakerState.HALF_OPEN, b.state)
        b.onSuccess()
        assertEquals(BreakerState.CLOSED, b.state)
        assertTrue(b.tryAcquire())
    }

    @Test
    fun failedProbeReopensAtCurrentTime() {
        val b = breaker(threshold = 1, probes = 3)
        b.onFailure(); now = 2_000
        assertTrue(b.tryAcquire())
        b.onFailure()
        assertEquals(BreakerState.OPEN, b.state)
        now = 2_999
        assertFalse(b.tryAcquire())
        now = 3_000
        assertTrue(b.tryAcquire())
    }

    @Test
    fun newHalfOpenPeriodResetsProbeCount() {
        val b = breaker(threshold = 1, probes = 1)
        b.onFailure(); now = 1_000
        assertTrue(b.tryAcquire()); assertFalse(b.tryAcquire())
        b.onFailure(); now = 2_000
        assertTrue(b.tryAcquire())
    }

    @Test
    fun closingResetsFailureCount() {
        val b = breaker(threshold = 2, probes = 1)
        b.onFailure(); b.onFailure(); now = 1_000
        b.tryAcquire(); b.onSuccess()
        b.onFailure()
        assertEquals(BreakerState.CLOSED, b.state)
    }

    @Test
    fun lateAnswersWhileOpenAreIgnored() {
        val b = breaker(threshold = 1, probes = 1)
        b.onFailure()
        now = 10; b.onSuccess(); b.onFailure()
        now = 1_000
        assertEquals(BreakerState.HALF_OPEN, b.state, "a late failure must not restart the open period")
    }

    @Test
    fun executorRetriesWithBackoffThenSucceeds() {
        val sleeps = mutableListOf<Long>()
        val ex = RetryingExecutor(4, breaker(threshold = 10), { 100L * it }, { sleeps += it; now += it })
        var calls = 0
        val out = ex.execute { if (++calls < 3) throw IllegalStateException("boom $calls") else "ok" }
        assertEquals(Outcome.Success("ok", 3), out)
        assertEquals(listOf(100L, 200L), sleeps)
    }

    @Test
    fun executorGivesUpAfterMaxAttempts() {
        val sleeps = mutableListOf<Long>()
        val ex = RetryingExecutor(3, breaker(threshold = 10), { it.toLong() }, { sleeps += it })
        val out = assertIs<Outcome.Failed>(ex.execute<Int> { throw RuntimeException("down") })
        assertEquals(3, out.attempts)
        assertEquals("down", out.error.message)
        assertEquals(listOf(1L, 2L), sleeps)
    }

    @Test
    fun nonRetryableErrorStopsImmediately() {
        var slept = false
        val ex = RetryingExecutor(5, breaker(), { 1 }, { slept = true }, isRetryable = { it !is IllegalArgumentException })
        val out = ex.execute<Unit> { throw IllegalArgumentException("bad request") }
        assertEquals(1, (out as Outcome.Failed).attempts)
        assertFalse(slept)
    }

    @Test
    fun breakerOpeningMidwayRejectsRemainingAttempts() {
        val b = breaker(threshold = 2)
        val ex = RetryingExecutor(5, b, { 10 }, { now += it })
        var calls = 0
        val out = ex.execute<Int> { calls++; throw RuntimeException() }
        assertEquals(Outcome.Rejected(2), out)
        assertEquals(2, calls)
        assertEquals(BreakerState.OPEN, b.state)
    }

    @Test
    fun openBreakerRejectsWithoutCalling() {
        val b = breaker(threshold = 1)
        b.onFailure()
        var called = false
        val out = RetryingExecutor(3, b, { 1 }, {}).execute { called = true }
        assertEquals(Outcome.Rejected(0), out)
        assertFalse(called)
    }

    @Test
    fun sleepingPastOpenPeriodAllowsAProbe() {
        val b = breaker(threshold = 1, open = 500, probes = 1)
        val ex = RetryingExecutor(3, b, { 600 }, { now += it })
        var calls = 0
        val out = ex.execute { if (++calls == 1) throw RuntimeException() else calls }
        assertEquals(Outcome.Success(2, 2), out)
        assertEquals(BreakerState.CLOSED, b.state)
    }
}
