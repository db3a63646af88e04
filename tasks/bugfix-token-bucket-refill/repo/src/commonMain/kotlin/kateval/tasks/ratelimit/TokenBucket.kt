package kateval.tasks.ratelimit

/**
 * A token bucket for rate limiting.
 *
 * - The bucket holds at most [capacity] tokens and starts full at [startMillis].
 * - One token is added every [refillIntervalMillis]. Tokens are added on a fixed schedule: the next token
 *   arrives exactly [refillIntervalMillis] after the previous one was added, no matter how often the bucket
 *   is queried in between.
 * - While the bucket is full nothing accumulates: the schedule restarts from the moment the bucket was
 *   last observed full, so the first token after a full bucket is drained arrives [refillIntervalMillis]
 *   after that moment.
 * - Time is supplied by the caller as monotonic milliseconds and must never go backwards.
 */
class TokenBucket(val capacity: Int, val refillIntervalMillis: Long, startMillis: Long) {
    init {
        require(capacity >= 1) { "capacity must be at least 1" }
        require(refillIntervalMillis >= 1) { "refill interval must be at least 1 ms" }
    }

    private var tokens: Int = capacity
    private var lastRefillMillis: Long = startMillis
    private var lastSeenMillis: Long = startMillis

    /** Number of tokens available at [nowMillis]. */
    fun available(nowMillis: Long): Int {
        refill(nowMillis)
        return tokens
    }

    /** Takes [count] tokens if they are all available; returns whether it did. */
    fun tryAcquire(nowMillis: Long, count: Int = 1): Boolean {
        require(count in 1..capacity) { "count must be in 1..$capacity" }
        refill(nowMillis)
        if (tokens < count) return false
        tokens -= count
        return true
    }

    /** Milliseconds to wait from [nowMillis] until [count] tokens are available (0 if they are available now). */
    fun millisUntilAvailable(nowMillis: Long, count: Int = 1): Long {
        require(count in 1..capacity) { "count must be in 1..$capacity" }
        refill(nowMillis)
        if (tokens >= count) return 0
        val missing = count - tokens
        val nextTokenAt = lastRefillMillis + refillIntervalMillis
        return (nextTokenAt - nowMillis) + (missing - 1) * refillIntervalMillis
    }

    private fun refill(nowMillis: Long) {
        require(nowMillis >= lastSeenMillis) { "time went backwards: $nowMillis < $lastSeenMillis" }
        lastSeenMillis = nowMillis
        if (tokens == capacity) {
            lastRefillMillis = nowMillis
            return
        }
        val elapsed = nowMillis - lastRefillMillis
        val newTokens = elapsed / refillIntervalMillis
        if (newTokens > 0) {
            tokens = minOf(capacity.toLong(), tokens + newTokens).toInt()
            lastRefillMillis = nowMillis
        }
    }
}

/** One [TokenBucket] per client key, created on first use with the key's first timestamp as start. */
class RateLimiter(private val capacity: Int, private val refillIntervalMillis: Long) {
    private val buckets = mutableMapOf<String, TokenBucket>()

    fun tryAcquire(key: String, nowMillis: Long, count: Int = 1): Boolean =
        bucketFor(key, nowMillis).tryAcquire(nowMillis, count)

    fun available(key: String, nowMillis: Long): Int = bucketFor(key, nowMillis).available(nowMillis)

    private fun bucketFor(key: String, nowMillis: Long): TokenBucket =
        buckets.getOrPut(key) { TokenBucket(capacity, refillIntervalMillis, nowMillis) }
}
