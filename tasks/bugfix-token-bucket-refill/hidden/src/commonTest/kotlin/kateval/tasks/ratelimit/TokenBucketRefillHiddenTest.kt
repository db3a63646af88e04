package kateval.tasks.ratelimit

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class TokenBucketRefillHiddenTest {
    private fun drained(capacity: Int, interval: Long): TokenBucket {
        val b = TokenBucket(capacity, interval, 0)
        repeat(capacity) { assertTrue(b.tryAcquire(0)) }
        return b
    }

    @Test
    fun startsFullAndCapsAtCapacity() {
        val b = TokenBucket(4, 250, 1_000)
        assertEquals(4, b.available(1_000))
        assertEquals(4, b.available(1_000_000))
        assertTrue(b.tryAcquire(1_000_000, 4))
        assertFalse(b.tryAcquire(1_000_000))
    }

    @Test
    fun fractionalProgressIsKeptBetweenQueries() {
        val b = drained(5, 100)
        assertEquals(0, b.available(50))
        assertEquals(1, b.available(150))
        assertEquals(1, b.available(199))
        assertEquals(2, b.available(200))
        assertEquals(2, b.available(290))
        assertEquals(3, b.available(300))
    }

    @Test
    fun acquireDoesNotResetSchedule() {
        val b = drained(3, 100)
        assertTrue(b.tryAcquire(150)) // token from t=100
        assertFalse(b.tryAcquire(199))
        assertTrue(b.tryAcquire(200)) // token from t=200
        assertEquals(0, b.available(299))
        assertEquals(1, b.available(300))
    }

    @Test
    fun steadyPollingSlowerThanRefillRecovers() {
        val b = drained(5, 100)
        var accepted = 0
        var t = 150L
        while (t <= 1500) {
            if (b.tryAcquire(t)) accepted++
            t += 150
        }
        assertEquals(10, accepted)
        assertEquals(4, b.available(1500))
        assertTrue(b.tryAcquire(1500, 4))
    }

    @Test
    fun pollingFasterThanRefillGetsExactlyTheRefillRate() {
        val b = drained(2, 200)
        var accepted = 0
        var t = 150L
        while (t <= 3000) { // 1 token every 200 ms => tokens at 200, 400, ..., 3000
            if (b.tryAcquire(t)) accepted++
            t += 150
        }
        assertEquals(15, accepted)
    }

    @Test
    fun millisUntilAvailable() {
        val b = drained(3, 100)
        assertEquals(100, b.millisUntilAvailable(0))
        assertEquals(300, b.millisUntilAvailable(0, 3))
        assertEquals(60, b.millisUntilAvailable(40))
        assertEquals(0, b.millisUntilAvailable(150))
        assertEquals(50, b.millisUntilAvailable(250, 3))
        assertEquals(0, b.millisUntilAvailable(300, 3))
    }

    @Test
    fun fullBucketDoesNotBankTime() {
        val b = TokenBucket(2, 100, 0)
        assertEquals(2, b.available(1_000))
        assertTrue(b.tryAcquire(1_000))
        assertEquals(1, b.available(1_099))
        assertEquals(2, b.available(1_100))
        assertTrue(b.tryAcquire(1_100, 2))
        assertEquals(0, b.available(1_199))
        assertEquals(1, b.available(1_200))
    }

    @Test
    fun validation() {
        assertFailsWith<IllegalArgumentException> { TokenBucket(0, 100, 0) }
        assertFailsWith<IllegalArgumentException> { TokenBucket(1, 0, 0) }
        val b = TokenBucket(3, 100, 500)
        assertFailsWith<IllegalArgumentException> { b.tryAcquire(500, 0) }
        assertFailsWith<IllegalArgumentException> { b.tryAcquire(500, 4) }
        assertFailsWith<IllegalArgumentException> { b.millisUntilAvailable(500, 4) }
        assertFailsWith<IllegalArgumentException> { b.available(499) }
        assertEquals(3, b.available(600))
        assertFailsWith<IllegalArgumentException> { b.tryAcquire(599) }
    }

    @Test
    fun rateLimiterKeepsKeysIndependent() {
        val limiter = RateLimiter(capacity = 2, refillIntervalMillis = 100)
        assertTrue(limiter.tryAcquire("alice", 0, 2))
        assertFalse(limiter.tryAcquire("alice", 10))
        assertTrue(limiter.tryAcquire("bob", 10, 2))
        assertTrue(limiter.tryAcquire("alice", 150))
        assertEquals(0, limiter.available("alice", 199))
        assertEquals(1, limiter.available("alice", 200))
        assertEquals(1, limiter.available("bob", 110))
        assertEquals(2, limiter.available("carol", 5_000))
    }
}
