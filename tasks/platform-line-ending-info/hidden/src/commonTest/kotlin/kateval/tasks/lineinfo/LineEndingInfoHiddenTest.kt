package kateval.tasks.lineinfo

import kotlin.test.*

class LineEndingInfoHiddenTest {
    /** Double printing tells the targets apart: "1" on JS, "1.0" on the JVM. */
    private val onJs = 1.0.toString() == "1"

    @Test
    fun nameMatchesTheTarget() = assertEquals(if (onJs) "JS" else "JVM", PlatformInfo.name)

    @Test
    fun lineSeparatorIsLfHere() = assertEquals("\n", PlatformInfo.lineSeparator)

    @Test
    fun defaultSeparatorIsThePlatformOne() =
        assertEquals("a${PlatformInfo.lineSeparator}b${PlatformInfo.lineSeparator}c", normalizeLineEndings("a\r\nb\rc"))

    @Test
    fun allBreakKindsAreNormalised() = assertEquals("1|2|3|4", normalizeLineEndings("1\r\n2\r3\n4", "|"))

    @Test
    fun crCrLfIsTwoBreaks() = assertEquals("a||b", normalizeLineEndings("a\r\r\nb", "|"))

    @Test
    fun lfCrIsTwoBreaks() = assertEquals("a||b", normalizeLineEndings("a\n\rb", "|"))

    @Test
    fun breaksAtTheEdges() {
        assertEquals("<>x<>", normalizeLineEndings("\r\nx\r", "<>"))
        assertEquals("", normalizeLineEndings("", "|"))
        assertEquals("||", normalizeLineEndings("\n\n", "|"))
    }

    @Test
    fun emptySeparatorJoinsLines() = assertEquals("ab", normalizeLineEndings("a\r\nb", ""))

    @Test
    fun toCrlf() = assertEquals("é\r\n😀\r\n", normalizeLineEndings("é\n😀\r", "\r\n"))
}
