package kateval.tasks.querystring

import kotlin.test.Test
import kotlin.test.assertEquals

class QueryStringTest {
    @Test
    fun asciiRoundTrip() {
        val params = listOf("q" to "red shoes", "page" to "2")
        assertEquals("q=red+shoes&page=2", QueryString.format(params))
        assertEquals(params, QueryString.parse("q=red+shoes&page=2"))
    }

    @Test
    fun reservedCharactersAreEscaped() {
        assertEquals("a%26b", QueryString.encodeComponent("a&b"))
        assertEquals("a&b=c x", QueryString.decodeComponent("a%26b%3Dc%20x"))
    }
}
