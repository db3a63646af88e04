package kateval.tasks.percent

import kotlin.test.*

class PercentEncodingHiddenTest {
    @Test
    fun unreservedCharactersStay() {
        val unreserved = "ABCXYZabcxyz0189-._~"
        assertEquals(unreserved, percentEncode(unreserved))
        assertEquals("", percentEncode(""))
    }

    @Test
    fun spaceIsPercent20() = assertEquals("a%20b%20%20c", percentEncode("a b  c"))

    @Test
    fun reservedAndSpecialCharactersAreEncoded() {
        assertEquals("%21%27%28%29%2A", percentEncode("!'()*"))
        assertEquals("%2B%26%3D%3F%2F%23%25%3A%40%2C%3B%24", percentEncode("+&=?/#%:@,;$"))
        assertEquals("%22%3C%3E%5C%5E%60%7B%7C%7D%5B%5D", percentEncode("\"<>\\^`{|}[]"))
    }

    @Test
    fun nonAsciiIsUtf8WithUppercaseHex() {
        assertEquals("caf%C3%A9", percentEncode("café"))
        assertEquals("%E2%82%AC%F0%9F%98%80", percentEncode("€😀"))
        assertEquals("%0A%09%00", percentEncode("\n\t\u0000"))
    }

    @Test
    fun loneSurrogatesAreRejected() {
        assertFailsWith<IllegalArgumentException> { percentEncode("a\uD800") }
        assertFailsWith<IllegalArgumentException> { percentEncode("\uDE00b") }
    }

    @Test
    fun decodeHandlesBothHexCases() {
        assertEquals("café ok", percentDecode("caf%c3%A9%20ok"))
        assertEquals("😀", percentDecode("%F0%9f%98%80"))
    }

    @Test
    fun decodeKeepsPlusAndRawCharacters() {
        assertEquals("a+b", percentDecode("a+b"))
        assertEquals("grüße!*", percentDecode("grüße!*"))
        assertEquals("", percentDecode(""))
    }

    @Test
    fun decodeRejectsBadEscapes() {
        for (bad in listOf("%", "%2", "abc%", "%G0", "%0G", "%%41", "%-1")) {
            assertFailsWith<IllegalArgumentException>(bad) { percentDecode(bad) }
        }
    }

    @Test
    fun decodeRejectsInvalidUtf8() {
        for (bad in listOf("%C3", "%C3%28", "%FF", "%C0%AF", "%ED%A0%80", "%E2%82x%AC", "%80")) {
            assertFailsWith<IllegalArgumentException>(bad) { percentDecode(bad) }
        }
    }

    @Test
    fun roundTripsArbitraryText() {
        for (t in listOf("x=1&y=2", "100% sure", "¿qué? ¡sí!", "日本語 + 😀", "~user/path")) {
            assertEquals(t, percentDecode(percentEncode(t)), t)
        }
    }

    @Test
    fun buildsQueries() {
        assertEquals("q=caf%C3%A9%20au%20lait&page=2&flag", buildQuery(listOf("q" to "café au lait", "page" to "2", "flag" to null)))
        assertEquals("a%26b=c%3Dd&empty=", buildQuery(listOf("a&b" to "c=d", "empty" to "")))
        assertEquals("", buildQuery(emptyList()))
    }

    @Test
    fun parsesQueriesLeniently() {
        assertEquals(
            listOf("q" to "café au lait", "page" to "2", "flag" to null, "e" to "", "x" to "a=b"),
            parseQuery("?q=caf%C3%A9+au%20lait&page=2&&flag&e=&x=a=b&"),
        )
        assertEquals(listOf("a+b" to "1 2"), parseQuery("a%2Bb=1+2"))
        assertEquals(emptyList(), parseQuery(""))
        assertEquals(emptyList(), parseQuery("?"))
        assertEquals(listOf("?x" to "1"), parseQuery("??x=1"))
    }

    @Test
    fun parseQueryKeepsAnEmptyKey() {
        // the first '=' splits even when the key before it is empty
        assertEquals(listOf("" to "x", "" to ""), parseQuery("=x&="))
    }

    @Test
    fun parseQueryPropagatesDecodeErrors() {
        assertFailsWith<IllegalArgumentException> { parseQuery("a=%E2%82") }
    }

    @Test
    fun buildThenParseRoundTrips() {
        val params = listOf("name" to "Zoë & Co", "tags" to "a,b c", "note" to null, "emoji" to "😀+")
        assertEquals(params, parseQuery(buildQuery(params)))
    }
}
