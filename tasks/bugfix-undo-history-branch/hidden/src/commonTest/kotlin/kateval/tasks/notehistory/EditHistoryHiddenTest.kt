package kateval.tasks.notehistory

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class EditHistoryHiddenTest {
    private fun history(vararg edits: String, maxSize: Int = 50): EditHistory {
        val h = EditHistory("", maxSize)
        edits.forEach(h::edit)
        return h
    }

    @Test
    fun redoIsLastUndoneFirstRedone() {
        val h = history("a", "ab", "abc")
        h.undo(); h.undo()
        assertEquals("a", h.text)
        assertTrue(h.redo())
        assertEquals("ab", h.text)
        assertTrue(h.redo())
        assertEquals("abc", h.text)
        assertFalse(h.redo())
    }

    @Test
    fun newEditClearsRedo() {
        val h = history("a", "ab")
        h.undo()
        h.edit("ax")
        assertFalse(h.canRedo)
        assertFalse(h.redo())
        assertEquals("ax", h.text)
        assertTrue(h.undo())
        assertEquals("a", h.text)
    }

    @Test
    fun ignoredEditKeepsRedo() {
        val h = history("a", "ab")
        h.undo()
        h.edit("a")
        assertTrue(h.canRedo)
        assertTrue(h.redo())
        assertEquals("ab", h.text)
    }

    @Test
    fun maxSizeDropsTheOldest() {
        val h = history("1", "2", "3", "4", "5", maxSize = 3)
        val seen = mutableListOf(h.text)
        while (h.undo()) seen += h.text
        assertEquals(listOf("5", "4", "3", "2"), seen)
    }

    @Test
    fun undoEverythingThenRedoEverything() {
        val h = history("x", "xy", "xyz")
        while (h.undo()) Unit
        assertEquals("", h.text)
        assertFalse(h.canUndo)
        val seen = mutableListOf<String>()
        while (h.redo()) seen += h.text
        assertEquals(listOf("x", "xy", "xyz"), seen)
    }

    @Test
    fun interleavedUndoRedo() {
        val h = history("a", "b", "c", "d")
        h.undo(); h.undo(); h.redo(); h.undo(); h.undo(); h.redo(); h.redo()
        assertEquals("c", h.text)
        assertTrue(h.canRedo)
        h.redo()
        assertEquals("d", h.text)
        assertFalse(h.canRedo)
    }

    @Test
    fun emptyHistory() {
        val h = EditHistory("start")
        assertFalse(h.undo())
        assertFalse(h.redo())
        assertEquals("start", h.text)
    }
}
