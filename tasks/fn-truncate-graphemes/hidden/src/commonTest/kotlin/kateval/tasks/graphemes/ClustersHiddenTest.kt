package kateval.tasks.graphemes

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class ClustersHiddenTest {
    private val family = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67" // woman ZWJ woman ZWJ girl
    private val thumbsDark = "\uD83D\uDC4D\uD83C\uDFFF" // thumbs up + skin tone
    private val flagFr = "\uD83C\uDDEB\uD83C\uDDF7"
    private val flagDe = "\uD83C\uDDE9\uD83C\uDDEA"
    private val eAcute = "e\u0301"

    @Test
    fun asciiAndEmpty() {
        assertEquals(0, clusterCount(""))
        assertEquals(5, clusterCount("hello"))
        assertEquals("hello", truncateForDisplay("hello", 5))
        assertEquals("hell…", truncateForDisplay("hello!", 5))
        assertEquals("", truncateForDisplay("", 1))
    }

    @Test
    fun surrogatePairsAreOneCluster() {
        assertEquals(3, clusterCount("a😀b"))
        assertEquals("a😀…", truncateForDisplay("a😀b😀", 3))
        assertEquals("😀…", truncateForDisplay("😀😀😀", 2))
    }

    @Test
    fun loneSurrogatesCountAlone() {
        assertEquals(3, clusterCount("a\uD800b"))
        assertEquals(2, clusterCount("\uDC00\uD800"))
        assertEquals("\uD800…", truncateForDisplay("\uD800\uD800\uD800", 2))
    }

    @Test
    fun combiningMarksStayAttached() {
        assertEquals(4, clusterCount("caf$eAcute"))
        assertEquals("ca…", truncateForDisplay("caf${eAcute}s", 3))
        assertEquals("caf$eAcute…", truncateForDisplay("caf${eAcute}s!", 5))
        assertEquals(1, clusterCount("a\u0301\u0302\u20DD\uFE0F"))
        assertEquals(2, clusterCount("\u0301a"))
    }

    @Test
    fun everyExtenderRangeIsTakenInAtBothEnds() {
        // The first and last code point of each extender range in the instruction.
        val ends = listOf(0x0300, 0x036F, 0x1AB0, 0x1AFF, 0x20D0, 0x20FF, 0xFE20, 0xFE2F, 0xFE00, 0xFE0F)
        for (cp in ends) assertEquals(1, clusterCount("a" + cp.toChar()), "U+${cp.toString(16)}")
        assertEquals(1, clusterCount("\uD83D\uDC4D\uD83C\uDFFB")) // U+1F3FB
        assertEquals(2, clusterCount("a\u036E\u0370")) // U+0370 is no extender
    }

    @Test
    fun zwjSequencesAndModifiers() {
        assertEquals(1, clusterCount(family))
        assertEquals(1, clusterCount(thumbsDark))
        assertEquals(3, clusterCount("a${family}b"))
        assertEquals("a$family…", truncateForDisplay("a${family}bc", 3))
        assertEquals("a…", truncateForDisplay("a${family}b", 2))
        assertEquals(1, clusterCount("x\u200D"))
        assertEquals(1, clusterCount("\u2764\uFE0F\u200D\uD83D\uDD25"))
    }

    @Test
    fun regionalIndicatorsPairFromTheLeft() {
        assertEquals(2, clusterCount(flagFr + flagDe))
        assertEquals(2, clusterCount(flagFr + "\uD83C\uDDE9"))
        assertEquals(flagFr + "…", truncateForDisplay(flagFr + flagDe + flagFr, 2))
    }

    @Test
    fun crLfIsOneCluster() {
        assertEquals(3, clusterCount("a\r\nb"))
        assertEquals(4, clusterCount("a\n\rb"))
        assertEquals("a\r\n…", truncateForDisplay("a\r\nbc", 3))
    }

    @Test
    fun customEllipsisAndLimits() {
        assertEquals("ab...", truncateForDisplay("abcdef", 3, "..."))
        assertEquals("…", truncateForDisplay("ab", 1))
        assertEquals("a", truncateForDisplay("a", 1))
        assertEquals("abc", truncateForDisplay("abc", 3, ""))
        assertEquals("ab", truncateForDisplay("abcd", 3, ""))
        assertFailsWith<IllegalArgumentException> { truncateForDisplay("abc", 0) }
    }
}
