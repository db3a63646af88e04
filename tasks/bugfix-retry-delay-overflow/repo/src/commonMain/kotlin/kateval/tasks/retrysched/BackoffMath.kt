package kateval.tasks.retrysched

/**
 * The delay before retry [attempt] (1-based): `baseMillis * 2^(attempt - 1)`, but never more
 * than [capMillis]. Valid for every attempt number up to Int.MAX_VALUE.
 */
fun exponentialDelay(attempt: Int, baseMillis: Long, capMillis: Long): Long {
    require(attempt >= 1) { "attempt must be >= 1" }
    val factor = 1 shl (attempt - 1)
    return minOf(capMillis, baseMillis * factor)
}
