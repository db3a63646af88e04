package kateval.tasks.etagcache

import kotlin.test.*

class EtagRevalidationHiddenTest {
    private var now = 0L
    private val sent = mutableListOf<HttpRequest>()
    private val replies = ArrayDeque<HttpResponse>()
    private val client = CachingClient({ sent += it; replies.removeFirst() }, { now })

    private fun ok(body: String, vararg h: Pair<String, String>) = HttpResponse(200, mapOf(*h), body)
    private fun notModified(vararg h: Pair<String, String>) = HttpResponse(304, mapOf(*h), "")

    @Test
    fun expiredEntryIsRevalidatedWithIfNoneMatch() {
        replies += ok("v1", "Cache-Control" to "max-age=10", "ETag" to "\"abc\"")
        client.get("/a")
        now = 10_000
        replies += notModified("Cache-Control" to "max-age=30")
        assertEquals(ClientResult(200, "v1", true), client.get("/a"))
        assertEquals(mapOf("If-None-Match" to "\"abc\""), sent[1].headers)
        now = 39_999
        assertEquals(ClientResult(200, "v1", true), client.get("/a"))
        assertEquals(2, sent.size)
        assertEquals(CacheStats(hits = 1, misses = 1, revalidated = 1), client.stats)
    }

    @Test
    fun etagWithoutMaxAgeIsStoredButAlwaysRevalidated() {
        replies += ok("v1", "etag" to "W/\"1\"")
        client.get("/a")
        replies += notModified()
        assertEquals(ClientResult(200, "v1", true), client.get("/a"))
        replies += notModified()
        client.get("/a")
        assertEquals(listOf(emptyMap(), mapOf("If-None-Match" to "W/\"1\""), mapOf("If-None-Match" to "W/\"1\"")), sent.map { it.headers })
        assertEquals(CacheStats(0, 1, 2), client.stats)
    }

    @Test
    fun changedResourceReplacesEntry() {
        replies += ok("v1", "ETag" to "e1")
        client.get("/a")
        replies += ok("v2", "ETag" to "e2")
        assertEquals(ClientResult(200, "v2", false), client.get("/a"))
        replies += notModified()
        assertEquals("v2", client.get("/a").body)
        assertEquals("e2", sent.last().headers["If-None-Match"])
    }

    @Test
    fun errorResponseDropsEntry() {
        replies += ok("v1", "ETag" to "e1")
        client.get("/a")
        replies += HttpResponse(404, emptyMap(), "gone")
        assertEquals(ClientResult(404, "gone", false), client.get("/a"))
        replies += ok("v3")
        client.get("/a")
        assertEquals(emptyMap(), sent.last().headers)
    }

    @Test
    fun entryWithoutEtagIsFetchedPlainly() {
        replies += ok("v1", "Cache-Control" to "max-age=1")
        client.get("/a")
        now = 1_000
        replies += ok("v2", "Cache-Control" to "max-age=1")
        assertEquals("v2", client.get("/a").body)
        assertEquals(emptyMap(), sent[1].headers)
    }

    @Test
    fun unexpected304IsAnError() {
        replies += notModified()
        assertFailsWith<IllegalStateException> { client.get("/a") }
    }

    @Test
    fun uncacheableResponseIsNotStored() {
        replies += ok("v1", "Cache-Control" to "max-age=0")
        client.get("/a")
        replies += ok("v2")
        client.get("/a")
        assertEquals(listOf(emptyMap<String, String>(), emptyMap()), sent.map { it.headers })
    }

    @Test
    fun cacheEntryKeepsEtag() {
        val cache = ResponseCache { 5 }
        cache.store("/x", ok("b", "ETAG" to "t"))
        assertEquals(CacheEntry("b", 5, "t"), cache["/x"])
    }

    @Test
    fun revalidationWithoutMaxAgeExpiresImmediately() {
        replies += ok("v1", "Cache-Control" to "max-age=5", "ETag" to "e")
        client.get("/a")
        now = 6_000
        replies += notModified()
        client.get("/a")
        now = 6_001
        replies += notModified()
        client.get("/a")
        assertEquals(3, sent.size)
    }
}
