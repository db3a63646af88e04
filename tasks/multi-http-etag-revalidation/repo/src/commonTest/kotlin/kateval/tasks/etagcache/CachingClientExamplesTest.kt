package kateval.tasks.etagcache

import kotlin.test.Test
import kotlin.test.assertEquals

class CachingClientExamplesTest {
    @Test
    fun freshResponsesComeFromCache() {
        var now = 0L
        var calls = 0
        val client = CachingClient({ calls++; HttpResponse(200, mapOf("Cache-Control" to "max-age=60"), "v$calls") }, { now })
        assertEquals("v1", client.get("/a").body)
        now = 59_999
        assertEquals(ClientResult(200, "v1", true), client.get("/a"))
        now = 60_000
        assertEquals("v2", client.get("/a").body)
        assertEquals(2, calls)
    }
}
