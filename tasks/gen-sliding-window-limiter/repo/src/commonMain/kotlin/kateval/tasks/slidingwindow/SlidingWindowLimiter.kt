package kateval.tasks.slidingwindow

fun interface Clock {
    fun nowMillis(): Long
}

/** A sliding-log rate limiter per key; see instruction.md. */
class SlidingWindowLimiter<K>(val limit: Int, val windowMillis: Long, private val clock: Clock) {
    val trackedKeys: Int
        get() = TODO()

    fun tryAcquire(key: K, permits: Int = 1): Boolean {
        TODO()
    }

    fun remaining(key: K): Int {
        TODO()
    }

    fun retryAfterMillis(key: K, permits: Int = 1): Long {
        TODO()
    }
}
