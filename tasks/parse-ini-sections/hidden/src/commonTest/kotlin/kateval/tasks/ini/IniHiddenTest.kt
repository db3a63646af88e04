package kateval.tasks.ini

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class IniHiddenTest {
    private fun failsOn(line: Int, text: String) {
        val e = assertFailsWith<IniException>(text) { parseIni(text) }
        assertEquals(line, e.line, text)
    }

    @Test
    fun sectionsAndPairs() {
        val text = "name = demo\n[Server]\nhost = example.com\nport=8080\n\n[ui]\ntheme = dark\n"
        assertEquals(
            mapOf("" to mapOf("name" to "demo"), "server" to mapOf("host" to "example.com", "port" to "8080"), "ui" to mapOf("theme" to "dark")),
            parseIni(text),
        )
    }

    @Test
    fun orderIsKept() {
        val out = parseIni("[b]\nz=1\na=2\n[a]\ny=3\n[B]\nm=4")
        assertEquals(listOf("b", "a"), out.keys.toList())
        assertEquals(listOf("z", "a", "m"), out.getValue("b").keys.toList())
    }

    @Test
    fun emptyInputAndEmptySections() {
        assertEquals(emptyMap(), parseIni(""))
        assertEquals(emptyMap(), parseIni("\n; only a comment\n# another\n   \n"))
        assertEquals(mapOf("empty" to emptyMap<String, String>()), parseIni("[empty]"))
    }

    @Test
    fun crlfAndWhitespace() {
        assertEquals(mapOf("s" to mapOf("k" to "v w", "Key" to "")), parseIni("\t[ s ]\r\n  k\t=  v w \r\nKey =\r\n"))
    }

    @Test
    fun valueSplitsAtTheFirstEquals() {
        assertEquals(mapOf("" to mapOf("url" to "a=b=c")), parseIni("url = a=b=c"))
    }

    @Test
    fun inlineComments() {
        val out = parseIni("a = x;y ; note\nb = #hash\nc = v #c\nd = v\t;c\ne = ;all comment")
        assertEquals(mapOf("a" to "x;y", "b" to "#hash", "c" to "v", "d" to "v", "e" to ";all comment"), out.getValue(""))
    }

    @Test
    fun quotedValues() {
        val out = parseIni("a = \"  padded  \"\nb = \"say \\\"hi\\\" ; not a comment\" ; comment\nc = \"back\\\\slash\"\nd = \"\"")
        assertEquals(mapOf("a" to "  padded  ", "b" to "say \"hi\" ; not a comment", "c" to "back\\slash", "d" to ""), out.getValue(""))
    }

    @Test
    fun quotedValueErrors() {
        failsOn(2, "ok = 1\nbad = \"open")
        failsOn(1, "bad = \"a\\nb\"")
        failsOn(1, "bad = \"a\" b")
        failsOn(3, "[s]\n\nbad = \"x\\\"")
    }

    @Test
    fun sectionHeaderErrors() {
        failsOn(1, "[]")
        failsOn(2, "\n[   ]")
        failsOn(1, "[open")
        failsOn(1, "[a] x")
        failsOn(1, "[a]]")
    }

    @Test
    fun pairErrors() {
        failsOn(2, "[s]\njust text")
        failsOn(1, " = value")
        failsOn(3, "[s]\nk = 1\nk = 2")
        failsOn(4, "[s]\nk = 1\n[S]\nk = 2")
    }

    @Test
    fun sameKeyInDifferentSectionsIsFine() {
        assertEquals(mapOf("a" to mapOf("k" to "1"), "b" to mapOf("k" to "2", "K" to "3")), parseIni("[a]\nk=1\n[b]\nk=2\nK=3"))
    }
}
