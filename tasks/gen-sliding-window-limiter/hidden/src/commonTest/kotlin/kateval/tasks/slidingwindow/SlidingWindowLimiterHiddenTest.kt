package kateval.tasks.slidingwindow

import kotlin.test.*

class SlidingWindowLimiterHiddenTest {
    private var now = 0L
    private fun limiter(limit: Int = 3, window: Long = 1_000) = SlidingWindowLimiter<String>(limit, window, Clock { now })

    @Test
    fun rejectsBadArguments() {
        assertFailsWith<IllegalArgumentException> { limiter(limit = 0) }
        assertFailsWith<IllegalArgumentException> { limiter(window = 0) }
        assertFailsWith<IllegalArgumentException> { limiter().tryAcquire("a", 0) }
        assertFailsWith<IllegalArgumentException> { limiter().tryAcquire("a", 4) }
        assertFailsWith<IllegalArgumentException> { limiter().retryAfterMillis("a", 4) }
    }

    @Test
    fun grantsUpToLimitThenRejects() {
        val l = limiter()
        assertEquals(listOf(true, true, true, false), List(4) { l.tryAcquire("a") })
        assertEquals(0, l.remaining("a"))
    }

    @Test
    fun permitExpiresExactlyAtWindowEnd() {
        val l = limiter(limit = 1)
        l.tryAcquire("a")
        now = 999
        assertFalse(l.tryAcquire("a"))
        now = 1_000
        assertTrue(l.tryAcquire("a"))
    }

    @Test
    fun windowSlidesOnePermitAtATime() {
        val l = limiter()
        now = 0; l.tryAcquire("a")
        now = 300; l.tryAcquire("a")
        now = 600; l.tryAcquire("a")
        now = 1_000
        assertEquals(1, l.remaining("a"))
        assertTrue(l.tryAcquire("a"))
        assertFalse(l.tryAcquire("a"))
    }

    @Test
    fun keysAreIndependent() {
        val l = limiter(limit = 1)
        assertTrue(l.tryAcquire("a"))
        assertTrue(l.tryAcquire("b"))
        assertFalse(l.tryAcquire("a"))
        assertEquals(1, l.remaining("c"))
    }

    @Test
    fun weightedPermitsAreAllOrNothing() {
        val l = limiter(limit = 5)
        assertTrue(l.tryAcquire("a", 3))
        assertFalse(l.tryAcquire("a", 3))
        assertEquals(2, l.remaining("a"))
        assertTrue(l.tryAcquire("a", 2))
    }

    @Test
    fun rejectedCallsAreNotRecorded() {
        val l = limiter(limit = 1)
        l.tryAcquire("a")
        now = 500; l.tryAcquire("a"); l.tryAcquire("a")
        now = 1_000
        assertTrue(l.tryAcquire("a"))
    }

    @Test
    fun retryAfterForSinglePermit() {
        val l = limiter(limit = 2)
        assertEquals(0L, l.retryAfterMillis("a"))
        now = 100; l.tryAcquire("a")
        now = 400; l.tryAcquire("a")
        now = 700
        assertEquals(400L, l.retryAfterMillis("a"))
    }

    @Test
    fun retryAfterIsZeroWhenThePermitsExactlyFill() {
        // counted + permits == limit: tryAcquire would succeed, so there is no wait
        val l = limiter(limit = 4)
        now = 100; l.tryAcquire("a", 3)
        now = 200
        assertEquals(0L, l.retryAfterMillis("a", 1))
        assertEquals(900L, l.retryAfterMillis("a", 2))
        assertEquals(0L, l.retryAfterMillis("b", 4))
    }

    @Test
    fun retryAfterForSeveralPermitsWaitsForEnoughExpiries() {
        val l = limiter(limit = 4)
        now = 0; l.tryAcquire("a")
        now = 200; l.tryAcquire("a", 2)
        now = 500; l.tryAcquire("a")
        now = 600
        assertEquals(400L, l.retryAfterMillis("a", 1))
        assertEquals(600L, l.retryAfterMillis("a", 3))
        assertEquals(900L, l.retryAfterMillis("a", 4))
        now = 1_200
        assertTrue(l.tryAcquire("a", 3))
    }

    @Test
    fun expiredKeysAreForgotten() {
        val l = limiter()
        l.tryAcquire("a"); l.tryAcquire("b")
        now = 500; l.tryAcquire("c")
        assertEquals(3, l.trackedKeys)
        now = 1_000
        assertEquals(1, l.trackedKeys)
        now = 1_500
        assertEquals(0, l.trackedKeys)
    }

    @Test
    fun manyDistinctKeysDoNotAccumulate() {
        val l = limiter(window = 10)
        for (i in 0 until 1_000) { now = i * 20L; l.tryAcquire("k$i") }
        assertEquals(1, l.trackedKeys)
    }
}
