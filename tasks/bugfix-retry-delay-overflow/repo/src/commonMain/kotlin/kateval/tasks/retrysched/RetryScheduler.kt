package kateval.tasks.retrysched

/**
 * Tracks failures of one job. After the n-th consecutive failure the job runs again at
 * `failedAt + exponentialDelay(n, baseMillis, capMillis)`; a success resets the count.
 */
class RetryScheduler(private val baseMillis: Long = 1_000, private val capMillis: Long = 15 * 60_000L) {
    var failures: Int = 0
        private set
    var nextRunAt: Long = 0
        private set

    fun onFailure(now: Long) {
        failures++
        nextRunAt = now + exponentialDelay(failures, baseMillis, capMillis)
    }

    fun onSuccess(now: Long) {
        failures = 0
        nextRunAt = now
    }

    fun shouldRun(now: Long): Boolean = now >= nextRunAt
}
