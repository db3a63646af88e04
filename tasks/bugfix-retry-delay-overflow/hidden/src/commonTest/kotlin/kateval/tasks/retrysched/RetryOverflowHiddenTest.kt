package kateval.tasks.retrysched

import kotlin.test.*

class RetryOverflowHiddenTest {
    private val cap = 15 * 60_000L

    @Test
    fun reportedOutageNeverSchedulesInThePast() {
        val s = RetryScheduler()
        var now = 0L
        repeat(200) {
            s.onFailure(now)
            assertTrue(s.nextRunAt > now, "attempt ${s.failures}: ${s.nextRunAt} <= $now")
            now = s.nextRunAt
        }
    }

    @Test
    fun delaysGrowThenStayCapped() {
        val delays = (1..40).map { exponentialDelay(it, 1_000, cap) }
        assertEquals(listOf(1_000L, 2_000L, 4_000L, 8_000L), delays.take(4))
        assertEquals(512_000L, delays[9])
        assertTrue(delays.drop(10).all { it == cap }, delays.toString())
    }

    @Test
    fun hugeAttemptNumbers() {
        for (a in listOf(31, 32, 33, 63, 64, 65, 1_000, Int.MAX_VALUE)) assertEquals(cap, exponentialDelay(a, 1_000, cap), "attempt $a")
    }

    @Test
    fun largeBaseDoesNotOverflowTheMultiplication() {
        assertEquals(Long.MAX_VALUE, exponentialDelay(40, Long.MAX_VALUE / 4, Long.MAX_VALUE))
        assertEquals(1L shl 61, exponentialDelay(3, 1L shl 59, Long.MAX_VALUE))
        assertEquals(Long.MAX_VALUE, exponentialDelay(2, Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE))
    }

    @Test
    fun exactPowersJustBelowTheCapAreNotCapped() {
        // 2^62 still fits in a Long, so attempt 63 with base 1 is exact, not the cap.
        assertEquals(1L shl 62, exponentialDelay(63, 1, Long.MAX_VALUE))
        // 1000 * 2 = 2000 stays below a cap of 2001 (cap / factor == base must not cap).
        assertEquals(2_000L, exponentialDelay(2, 1_000, 2_001))
        assertEquals(8_000L, exponentialDelay(4, 1_000, 8_007))
    }

    @Test
    fun smallCapsAndBases() {
        assertEquals(1L shl 40, exponentialDelay(41, 1, Long.MAX_VALUE))
        assertEquals(5L, exponentialDelay(100, 1, 5))
        assertEquals(7L, exponentialDelay(1, 7, 7))
    }

    @Test
    fun successResets() {
        val s = RetryScheduler(100, 1_000)
        repeat(30) { s.onFailure(0) }
        s.onSuccess(50)
        assertTrue(s.shouldRun(50))
        s.onFailure(50)
        assertEquals(150, s.nextRunAt)
    }

    @Test
    fun invalidAttempt() {
        assertFailsWith<IllegalArgumentException> { exponentialDelay(0, 1, 1) }
    }
}
