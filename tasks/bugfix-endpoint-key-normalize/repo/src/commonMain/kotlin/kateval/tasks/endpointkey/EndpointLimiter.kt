package kateval.tasks.endpointkey

/** Allows at most [limit] requests per endpoint key in each fixed window of [windowMillis]. */
class EndpointLimiter(private val limit: Int, private val windowMillis: Long) {
    private val counts = mutableMapOf<String, Pair<Long, Int>>()

    fun tryRequest(method: String, url: String, now: Long): Boolean {
        val key = endpointKey(method, url)
        val window = now / windowMillis
        val (w, n) = counts[key] ?: (window to 0)
        val used = if (w == window) n else 0
        if (used >= limit) return false
        counts[key] = window to used + 1
        return true
    }
}
