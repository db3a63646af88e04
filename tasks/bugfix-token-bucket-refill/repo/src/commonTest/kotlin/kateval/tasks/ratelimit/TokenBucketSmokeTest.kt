package kateval.tasks.ratelimit

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class TokenBucketSmokeTest {
    @Test
    fun burstThenRefill() {
        val bucket = TokenBucket(capacity = 3, refillIntervalMillis = 100, startMillis = 0)
        repeat(3) { assertTrue(bucket.tryAcquire(0)) }
        assertFalse(bucket.tryAcquire(50))
        assertEquals(1, bucket.available(100))
        assertEquals(3, bucket.available(10_000))
    }
}
