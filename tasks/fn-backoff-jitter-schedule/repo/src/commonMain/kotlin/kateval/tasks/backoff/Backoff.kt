package kateval.tasks.backoff

/** A source of doubles in [0, 1). */
fun interface RandomSource {
    fun nextDouble(): Double
}

/** Exponential backoff: base * factor^(attempt-1), capped at [maxMillis], minus up to [jitter] of it. */
class BackoffPolicy(
    val baseMillis: Long,
    val factor: Double,
    val maxMillis: Long,
    val jitter: Double,
) {
    init {
        require(baseMillis > 0) { "baseMillis must be positive" }
        require(factor >= 1.0) { "factor must be at least 1" }
        require(maxMillis >= baseMillis) { "maxMillis must be at least baseMillis" }
        require(jitter in 0.0..1.0) { "jitter must be within 0..1" }
    }
}

/** The delay before retry number [attempt] (1-based). */
fun BackoffPolicy.delayFor(attempt: Int, random: RandomSource): Long {
    TODO()
}
