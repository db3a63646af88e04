package kateval.tasks.querystring

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class QueryStringHiddenTest {
    @Test
    fun encodesUtf8Bytes() {
        assertEquals("Jos%C3%A9", QueryString.encodeComponent("José"))
        assertEquals("%F0%9F%98%80", QueryString.encodeComponent("😀"))
        assertEquals("%E2%82%AC5", QueryString.encodeComponent("€5"))
        assertEquals("%D0%9F%D1%80%D0%B8", QueryString.encodeComponent("При"))
    }

    @Test
    fun encodesWithTwoUpperCaseHexDigits() {
        assertEquals("%0A%09%2F%3F%26%3D%2B%25", QueryString.encodeComponent("\n\t/?&=+%"))
        assertEquals("a-b.c_d~e+f", QueryString.encodeComponent("a-b.c_d~e f"))
        assertEquals("", QueryString.encodeComponent(""))
    }

    @Test
    fun nonAsciiLettersAndDigitsAreEscaped() {
        assertEquals("%C3%BC%C2%B2", QueryString.encodeComponent("ü²"))
        assertEquals("%D9%A3", QueryString.encodeComponent("٣"))
    }

    @Test
    fun decodesUtf8Escapes() {
        assertEquals("José", QueryString.decodeComponent("Jos%C3%A9"))
        assertEquals("José", QueryString.decodeComponent("Jos%c3%a9"))
        assertEquals("😀!", QueryString.decodeComponent("%F0%9F%98%80!"))
        assertEquals("caf é", QueryString.decodeComponent("caf+%C3%A9"))
    }

    @Test
    fun literalNonAsciiIsKept() {
        assertEquals("José 😀", QueryString.decodeComponent("José+😀"))
        assertEquals("é€", QueryString.decodeComponent("é%E2%82%AC"))
    }

    @Test
    fun escapedPlusIsAPlus() {
        assertEquals("c++", QueryString.decodeComponent("c%2B%2B"))
        assertEquals("a b+c", QueryString.decodeComponent("a+b%2bc"))
    }

    @Test
    fun escapeAtTheEndIsAccepted() {
        assertEquals("café", QueryString.decodeComponent("caf%C3%A9"))
        assertEquals("A", QueryString.decodeComponent("%41"))
    }

    @Test
    fun malformedEscapesAreRejected() {
        for (bad in listOf("%", "%4", "a%4", "%G1", "%+5", "%-1", "% 1", "%1%")) {
            assertFailsWith<IllegalArgumentException>(bad) { QueryString.decodeComponent(bad) }
        }
    }

    @Test
    fun parseSplitsAtTheFirstEquals() {
        assertEquals(listOf("token" to "abc==", "e" to "", "f" to "x"), QueryString.parse("?token=abc==&e=&f=x"))
        assertEquals(listOf("flag" to "", "k" to "v"), QueryString.parse("flag&&k=v&"))
        assertEquals(emptyList(), QueryString.parse(""))
        assertEquals(emptyList(), QueryString.parse("?"))
    }

    @Test
    fun parseKeepsAnEmptyName() {
        // "=v" splits at its first `=` (index 0): the name is empty, the value is "v".
        assertEquals(listOf("" to "v", "" to "", "k" to "=x"), QueryString.parse("=v&=&k==x"))
    }

    @Test
    fun parseDecodesAndKeepsDuplicates() {
        assertEquals(
            listOf("name" to "José", "tag" to "a&b", "tag" to "c++"),
            QueryString.parse("name=Jos%C3%A9&tag=a%26b&tag=c%2B%2B"),
        )
        assertFailsWith<IllegalArgumentException> { QueryString.parse("q=%zz") }
    }

    @Test
    fun formatRoundTripsUnicode() {
        val params = listOf("q" to "José & 😀", "emoji key 🎉" to "1+1=2", "empty" to "")
        val text = QueryString.format(params)
        assertEquals("q=Jos%C3%A9+%26+%F0%9F%98%80&emoji+key+%F0%9F%8E%89=1%2B1%3D2&empty=", text)
        assertEquals(params, QueryString.parse(text))
    }
}
