package kateval.tasks.textedit

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class TextBufferHiddenTest {
    private fun TextBuffer.state() = Triple(text, cursor, anchor)

    @Test
    fun startsAtTheEnd() {
        assertEquals(Triple("abc", 3, 3), TextBuffer("abc").state())
        assertEquals(Triple("", 0, 0), TextBuffer().state())
        assertEquals("", TextBuffer("abc").selectedText)
    }

    @Test
    fun insertAtCursorAndOverSelection() {
        val b = TextBuffer("helld")
        b.setCursor(3)
        b.insert("lo wor")
        assertEquals(Triple("hello world", 9, 9), b.state())
        b.setCursor(0)
        b.setCursor(5, extend = true)
        assertEquals("hello", b.selectedText)
        b.insert("Hi")
        assertEquals(Triple("Hi world", 2, 2), b.state())
    }

    @Test
    fun backspaceDeletesWholeSurrogatePairs() {
        val b = TextBuffer("a😀")
        b.backspace()
        assertEquals(Triple("a", 1, 1), b.state())
        b.backspace()
        b.backspace()
        assertEquals(Triple("", 0, 0), b.state())
    }

    @Test
    fun backspaceDeletesCombiningMarksWithTheirBase() {
        val b = TextBuffer("cafe\u0301\u0302")
        b.backspace()
        assertEquals("caf", b.text)
        val heart = TextBuffer("x\u2764\uFE0F")
        heart.backspace()
        assertEquals("x", heart.text)
    }

    @Test
    fun markRangesIncludeTheirEnds() {
        // U+0300, U+036F, U+FE00 and U+FE0F are the first and last of the two mark ranges
        for (mark in listOf('\u0300', '\u036F', '\uFE00', '\uFE0F')) {
            val b = TextBuffer("ab$mark")
            b.backspace()
            assertEquals("a", b.text, "mark U+${mark.code.toString(16)}")
        }
        // the characters just outside the ranges are clusters of their own
        for (other in listOf('\u02FF', '\u0370', '\uFDFF', '\uFE10')) {
            val b = TextBuffer("ab$other")
            b.backspace()
            assertEquals("ab", b.text, "not a mark: U+${other.code.toString(16)}")
        }
    }

    @Test
    fun deleteForwardAndSelections() {
        val b = TextBuffer("😀b")
        b.setCursor(0)
        b.deleteForward()
        assertEquals(Triple("b", 0, 0), b.state())
        b.deleteForward()
        b.deleteForward()
        assertEquals(Triple("", 0, 0), b.state())
        val s = TextBuffer("abcdef")
        s.setCursor(4)
        s.setCursor(1, extend = true)
        s.deleteForward()
        assertEquals(Triple("aef", 1, 1), s.state())
    }

    @Test
    fun cursorMovesByCluster() {
        val b = TextBuffer("a😀e\u0301z")
        b.setCursor(0)
        val positions = mutableListOf(b.cursor)
        repeat(5) { b.moveRight(); positions += b.cursor }
        assertEquals(listOf(0, 1, 3, 5, 6, 6), positions)
        b.moveLeft(); b.moveLeft()
        assertEquals(3, b.cursor)
        repeat(4) { b.moveLeft() }
        assertEquals(0, b.cursor)
    }

    @Test
    fun moveWithoutExtendCollapsesSelection() {
        val b = TextBuffer("hello")
        b.setCursor(1)
        b.setCursor(4, extend = true)
        b.moveLeft()
        assertEquals(Triple("hello", 1, 1), b.state())
        b.setCursor(4, extend = true)
        b.moveRight()
        assertEquals(Triple("hello", 4, 4), b.state())
        b.selectAll()
        b.moveRight()
        assertEquals(5, b.cursor)
    }

    @Test
    fun extendMovesOnlyTheCursor() {
        val b = TextBuffer("ab😀")
        b.setCursor(1)
        b.moveRight(extend = true)
        b.moveRight(extend = true)
        assertEquals(Triple("ab😀", 4, 1), b.state())
        assertEquals("b😀", b.selectedText)
        b.moveLeft(extend = true)
        b.moveLeft(extend = true)
        b.moveLeft(extend = true)
        assertEquals(Triple("ab😀", 0, 1), b.state())
        assertEquals("a", b.selectedText)
    }

    @Test
    fun wordMovement() {
        val b = TextBuffer("foo  bar_baz, 42!")
        b.moveWordLeft()
        assertEquals(14, b.cursor)
        b.moveWordLeft()
        assertEquals(5, b.cursor)
        b.moveWordLeft()
        assertEquals(0, b.cursor)
        b.moveWordLeft()
        assertEquals(0, b.cursor)
        b.moveWordRight()
        assertEquals(3, b.cursor)
        b.moveWordRight()
        assertEquals(12, b.cursor)
        b.moveWordRight(extend = true)
        assertEquals(Triple("foo  bar_baz, 42!", 16, 12), b.state())
        b.moveWordRight()
        assertEquals(17, b.cursor)
        assertEquals(17, b.anchor)
    }

    @Test
    fun wordMovementTreatsEmojiAsSeparators() {
        val b = TextBuffer("café😀naïve")
        b.moveWordLeft()
        assertEquals(6, b.cursor)
        b.moveWordLeft()
        assertEquals(0, b.cursor)
        b.moveWordRight()
        assertEquals(4, b.cursor)
    }

    @Test
    fun setCursorSnapsToClusterStart() {
        val b = TextBuffer("a😀e\u0301")
        b.setCursor(2)
        assertEquals(1, b.cursor)
        b.setCursor(4)
        assertEquals(3, b.cursor)
        b.setCursor(5)
        assertEquals(5, b.cursor)
        assertFailsWith<IllegalArgumentException> { b.setCursor(6) }
        assertFailsWith<IllegalArgumentException> { b.setCursor(-1) }
    }

    @Test
    fun selectAllAndReplace() {
        val b = TextBuffer("old text")
        b.selectAll()
        assertEquals(Triple("old text", 8, 0), b.state())
        assertEquals("old text", b.selectedText)
        b.insert("")
        assertEquals(Triple("", 0, 0), b.state())
        b.backspace()
        assertEquals(Triple("", 0, 0), b.state())
    }
}
