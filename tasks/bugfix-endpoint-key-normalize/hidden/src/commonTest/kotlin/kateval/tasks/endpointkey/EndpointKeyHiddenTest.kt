package kateval.tasks.endpointkey

import kotlin.test.*

class EndpointKeyHiddenTest {
    private val key = "GET api.example.com /api/items"

    @Test
    fun reportedVariantsShareOneKey() {
        for ((m, u) in listOf(
            "GET" to "https://api.example.com/api/items?page=1",
            "GET" to "https://API.example.com/api/items/",
            "GET" to "https://api.example.com/api/items#top",
            "GET" to "https://api.example.com:443/api/items",
            "get" to "https://api.example.com//api/items",
            "GET" to "https://api.example.com/api/items?page=2",
        )) assertEquals(key, endpointKey(m, u), "$m $u")
    }

    @Test
    fun limiterThrottlesTheReportedScreen() {
        val l = EndpointLimiter(3, 1_000)
        val urls = listOf("https://api.example.com/api/items?page=1", "https://API.example.com/api/items/",
            "https://api.example.com/api/items#top", "https://api.example.com:443/api/items",
            "https://api.example.com//api/items", "https://api.example.com/api/items?page=2")
        assertEquals(listOf(true, true, true, false, false, false), urls.map { l.tryRequest("GET", it, 10) })
        assertTrue(l.tryRequest("GET", urls[0], 1_000))
    }

    @Test
    fun pathCaseIsKept() {
        assertEquals("GET - /api/Items/42", endpointKey("GET", "/api/Items/42"))
        assertNotEquals(endpointKey("GET", "/api/Items/42"), endpointKey("GET", "/api/items/42"))
    }

    @Test
    fun slashesCollapseAndTrailingSlashGoes() {
        assertEquals("GET - /a/b/c", endpointKey("GET", "///a////b//c///"))
        assertEquals("GET h /", endpointKey("GET", "https://h/"))
        assertEquals("GET h /", endpointKey("GET", "https://h"))
        assertEquals("GET h /", endpointKey("GET", "https://h//?x=1"))
        assertEquals("GET - /", endpointKey("GET", "/"))
    }

    @Test
    fun portsAndUserinfo() {
        assertEquals("GET api.example.com:8443 /x", endpointKey("GET", "https://api.example.com:8443/x"))
        assertEquals("GET h /x", endpointKey("GET", "http://h:80/x"))
        assertEquals("GET h:443 /x", endpointKey("GET", "http://h:443/x"))
        assertEquals("POST h /x", endpointKey("post", "https://user:pw@H/x"))
    }

    @Test
    fun fragmentBeforeQueryIsHandled() {
        assertEquals("GET h /p", endpointKey("GET", "https://h/p#frag?notquery"))
        assertEquals("DELETE - /p", endpointKey("Delete", "/p/#x"))
    }

    @Test
    fun differentMethodsAreDifferentKeys() {
        val l = EndpointLimiter(1, 1_000)
        assertTrue(l.tryRequest("GET", "/a", 0))
        assertTrue(l.tryRequest("POST", "/a", 0))
        assertFalse(l.tryRequest("get", "/a/", 0))
    }
}
