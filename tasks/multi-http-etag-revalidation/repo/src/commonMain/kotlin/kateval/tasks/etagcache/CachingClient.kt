package kateval.tasks.etagcache

data class ClientResult(val status: Int, val body: String, val fromCache: Boolean)

data class CacheStats(val hits: Int, val misses: Int)

/** GETs through [transport], serving fresh responses from a [ResponseCache]. */
class CachingClient(private val transport: Transport, private val clock: Clock) {
    private val cache = ResponseCache(clock)
    private var hits = 0
    private var misses = 0

    val stats: CacheStats get() = CacheStats(hits, misses)

    fun get(url: String): ClientResult {
        val entry = cache[url]
        if (entry != null && clock.nowMillis() < entry.expiresAt) {
            hits++
            return ClientResult(200, entry.body, fromCache = true)
        }
        val response = transport.send(HttpRequest(url))
        misses++
        cache.store(url, response)
        return ClientResult(response.status, response.body, fromCache = false)
    }
}
