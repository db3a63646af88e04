package kateval.tasks.urlparse

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull

class UrlHiddenTest {
    @Test
    fun fullUrlIsSplit() {
        val u = Url.parse("HTTPS://user:pa%20ss@Example.COM:8443/a/b.html?x=1&y=%7e#top")
        assertEquals(Url("HTTPS", "user:pa%20ss", "Example.COM", 8443, "/a/b.html", "x=1&y=%7e", "top"), u)
        assertEquals("HTTPS://user:pa%20ss@Example.COM:8443/a/b.html?x=1&y=%7e#top", u.toString())
    }

    @Test
    fun minimalUrl() {
        val u = Url.parse("http://h")
        assertEquals(Url("http", null, "h", null, "", null, null), u)
        assertEquals("http://h", u.toString())
    }

    @Test
    fun queryAndFragmentEdges() {
        assertEquals(Url("http", null, "h", null, "", "", ""), Url.parse("http://h?#"))
        val u = Url.parse("http://h/p#frag?not=query")
        assertNull(u.query)
        assertEquals("frag?not=query", u.fragment)
        val v = Url.parse("http://h?q=a/b@c")
        assertEquals("", v.path)
        assertEquals("q=a/b@c", v.query)
        assertEquals("h", v.host)
        assertNull(v.userInfo)
    }

    @Test
    fun fragmentRightAfterTheAuthority() {
        // the path ends at the first '#', even when that is its very first character
        assertEquals(Url("http", null, "h", null, "", null, "top"), Url.parse("http://h#top"))
    }

    @Test
    fun userInfoUsesTheLastAt() {
        val u = Url.parse("ftp://a@b@host:21/x")
        assertEquals("a@b", u.userInfo)
        assertEquals("host", u.host)
        assertEquals(21, u.port)
        assertEquals("", Url.parse("http://@h").userInfo)
    }

    @Test
    fun ipv6Hosts() {
        val u = Url.parse("http://[2001:DB8::1]:8080/")
        assertEquals("[2001:DB8::1]", u.host)
        assertEquals(8080, u.port)
        assertNull(Url.parse("http://[::1]").port)
        assertFailsWith<UrlException> { Url.parse("http://[::1/") }
        assertFailsWith<UrlException> { Url.parse("http://[::1]x/") }
    }

    @Test
    fun ports() {
        assertNull(Url.parse("http://h:/p").port)
        assertEquals("http://h/p", Url.parse("http://h:/p").toString())
        assertEquals(0, Url.parse("http://h:0").port)
        assertEquals(65535, Url.parse("http://h:65535").port)
        assertEquals(80, Url.parse("http://h:00080").port)
        for (bad in listOf("http://h:65536", "http://h:99999999999999999999", "http://h:8a", "http://h:1:2", "http://h:-1", "http://h:٣")) {
            assertFailsWith<UrlException>(bad) { Url.parse(bad) }
        }
    }

    @Test
    fun schemeAndAuthorityErrors() {
        for (bad in listOf("", "//h/p", ":x", "1http://h", "ht tp://h", "ht_tp://h", "mailto:a@b", "http:/h", "http://", "http://:80", "http://u@/p", "http://h/a b", "http://h/\t")) {
            assertFailsWith<UrlException>(bad) { Url.parse(bad) }
        }
        assertEquals("svn+ssh", Url.parse("svn+ssh://h").scheme)
    }

    @Test
    fun normalizationLowercasesAndDropsDefaultPorts() {
        assertEquals("https://example.com/", Url.parse("HTTPS://Example.COM:443").normalized().toString())
        assertEquals("http://example.com:443/", Url.parse("http://EXAMPLE.com:443").normalized().toString())
        assertEquals("ws://h/", Url.parse("WS://h:80").normalized().toString())
        assertEquals("wss://h/", Url.parse("wss://h:443/").normalized().toString())
        assertEquals("ftp://h/", Url.parse("ftp://h:21").normalized().toString())
        assertEquals("custom://h:80/", Url.parse("custom://h:80").normalized().toString())
        assertEquals("http://User@h/", Url.parse("http://User@H").normalized().toString())
    }

    @Test
    fun percentEncodingNormalization() {
        val u = Url.parse("http://h/%7euser/%2fx%41%zz%4?q=%7E%2b%20#f%5f").normalized()
        assertEquals("/~user/%2FxA%zz%4", u.path)
        assertEquals("q=~%2B%20", u.query)
        assertEquals("f_", u.fragment)
        assertEquals("%", Url.parse("http://h/%").normalized().path.substring(1))
    }

    @Test
    fun dotSegmentsAreRemoved() {
        fun norm(path: String) = Url.parse("http://h$path").normalized().path
        assertEquals("/a/c", norm("/a/./b/../c"))
        assertEquals("/x", norm("/../x"))
        assertEquals("/a/", norm("/a/b/.."))
        assertEquals("/a/", norm("/a/."))
        assertEquals("/", norm("/.."))
        assertEquals("/a/g", norm("/a/b/c/./../../g"))
        assertEquals("/mid/6", norm("/mid/content=5/../6"))
        assertEquals("/a/..b/c.", norm("/a/..b/c."))
        assertEquals("/b", norm("/a/%2E%2E/b"))
        assertEquals("/", norm(""))
    }

    @Test
    fun normalizedKeepsQueryAndFragmentNull() {
        val u = Url.parse("HTTP://H").normalized()
        assertEquals(Url("http", null, "h", null, "/", null, null), u)
    }
}
