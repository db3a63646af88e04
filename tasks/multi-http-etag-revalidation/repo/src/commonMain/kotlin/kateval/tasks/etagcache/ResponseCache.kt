package kateval.tasks.etagcache

data class CacheEntry(
    val body: String,
    val expiresAt: Long,
)

/** Stores cacheable responses by URL. */
class ResponseCache(private val clock: Clock) {
    private val entries = mutableMapOf<String, CacheEntry>()

    operator fun get(url: String): CacheEntry? = entries[url]

    /** Stores [response] for [url] if it is cacheable, otherwise drops any entry. */
    fun store(url: String, response: HttpResponse) {
        val maxAge = maxAgeMillis(response.headers)
        if (response.status == 200 && maxAge != null && maxAge > 0) {
            entries[url] = CacheEntry(response.body, clock.nowMillis() + maxAge)
        } else {
            entries.remove(url)
        }
    }
}
