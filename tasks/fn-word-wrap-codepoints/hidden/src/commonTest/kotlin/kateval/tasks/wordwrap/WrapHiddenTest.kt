package kateval.tasks.wordwrap

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class WrapHiddenTest {
    @Test
    fun greedyWrap() {
        assertEquals(listOf("the quick", "brown fox", "jumps"), wrapText("the quick brown fox jumps", 10))
        assertEquals(listOf("the quick brown fox jumps"), wrapText("the quick brown fox jumps", 25))
        assertEquals(listOf("a b", "c"), wrapText("a b c", 3))
    }

    @Test
    fun exactFitAndSpaces() {
        assertEquals(listOf("abc def"), wrapText("abc def", 7))
        assertEquals(listOf("abc", "def"), wrapText("abc def", 6))
        assertEquals(listOf("a b"), wrapText("   a    b   ", 5))
    }

    @Test
    fun emptyParagraphs() {
        assertEquals(listOf(""), wrapText("", 5))
        assertEquals(listOf(""), wrapText("    ", 5))
        assertEquals(listOf("a", "", "b"), wrapText("a\n\nb", 5))
        assertEquals(listOf("a", ""), wrapText("a\n", 5))
    }

    @Test
    fun crlfIsOneBreak() {
        assertEquals(listOf("one", "two", "", "three"), wrapText("one\r\ntwo\r\n\r\nthree", 5))
    }

    @Test
    fun longWordsAreCut() {
        assertEquals(listOf("abcd", "efgh", "ij"), wrapText("abcdefghij", 4))
        assertEquals(listOf("go", "abcd", "efgh", "ij k"), wrapText("go abcdefghij k", 4))
        assertEquals(listOf("abcd"), wrapText("abcd", 4))
        assertEquals(listOf("a", "b", "c"), wrapText("abc", 1))
    }

    @Test
    fun surrogatePairsCountOnce() {
        assertEquals(listOf("😀😀 😀"), wrapText("😀😀 😀", 4))
        assertEquals(listOf("😀😀😀", "😀"), wrapText("😀😀😀😀", 3))
        assertEquals(listOf("a😀", "b"), wrapText("a😀 b", 3))
        assertEquals(listOf("日本語", "です"), wrapText("日本語 です", 4))
    }

    @Test
    fun tabsArePartOfWords() {
        assertEquals(listOf("a\tb", "c"), wrapText("a\tb c", 3))
    }

    @Test
    fun invalidWidth() {
        assertFailsWith<IllegalArgumentException> { wrapText("a", 0) }
        assertFailsWith<IllegalArgumentException> { wrapText("a", -3) }
    }
}
