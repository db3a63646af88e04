package kateval.tasks.undo

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

class UndoHistoryHiddenTest {
    data class Doc(val text: String, val color: Int = 0)

    @Test
    fun plainUndoRedo() {
        val h = UndoHistory("")
        h.push("a"); h.push("ab"); h.push("abc")
        assertEquals(listOf("", "a", "ab"), h.past())
        assertEquals("ab", h.undo())
        assertEquals("a", h.undo())
        assertEquals(listOf("ab", "abc"), h.future())
        assertEquals("ab", h.redo())
        assertEquals("abc", h.redo())
        assertNull(h.redo())
        assertTrue(h.canUndo)
        assertFalse(h.canRedo)
    }

    @Test
    fun nothingToUndo() {
        val h = UndoHistory(1)
        assertNull(h.undo())
        assertNull(h.redo())
        assertEquals(1, h.current)
        assertFalse(h.canUndo)
    }

    @Test
    fun pushDropsRedo() {
        val h = UndoHistory("x")
        h.push("y"); h.push("z")
        h.undo()
        h.push("w")
        assertEquals(emptyList(), h.future())
        assertEquals(listOf("x", "y"), h.past())
        assertEquals("w", h.current)
    }

    @Test
    fun equalStateIsIgnored() {
        val h = UndoHistory(Doc("a"))
        h.push(Doc("a"))
        assertFalse(h.canUndo)
        h.push(Doc("b")); h.undo()
        h.push(Doc("a"))
        assertTrue(h.canRedo)
    }

    @Test
    fun typingCoalescesWithinTheWindow() {
        val h = UndoHistory("", coalesceWindowMillis = 500)
        h.push("h", "typing", 0)
        h.push("he", "typing", 400)
        h.push("hel", "typing", 800)
        h.push("hell", "typing", 1300)
        assertEquals(listOf(""), h.past())
        h.push("hello", "typing", 1801)
        assertEquals(listOf("", "hell"), h.past())
        assertEquals("hell", h.undo())
        assertEquals("", h.undo())
    }

    @Test
    fun differentKeysOrNullKeysDoNotCoalesce() {
        val h = UndoHistory(Doc(""))
        h.push(Doc("a"), "typing", 0)
        h.push(Doc("a", 1), "color", 10)
        h.push(Doc("ab", 1), "typing", 20)
        h.push(Doc("abc", 1), null, 30)
        h.push(Doc("abcd", 1), null, 40)
        assertEquals(5, h.past().size)
    }

    @Test
    fun undoRedoAndSealEndTheRun() {
        val h = UndoHistory("")
        h.push("a", "t", 0)
        h.push("ab", "t", 10)
        h.undo()
        h.push("ax", "t", 20)
        assertEquals(listOf(""), h.past())
        h.push("axy", "t", 30)
        assertEquals(listOf(""), h.past())
        h.seal()
        h.push("axyz", "t", 40)
        assertEquals(listOf("", "axy"), h.past())
    }

    @Test
    fun clockGoingBackwardsStartsANewStep() {
        val h = UndoHistory("")
        h.push("a", "t", 1000)
        h.push("ab", "t", 999)
        assertEquals(listOf("", "a"), h.past())
        h.push("abc", "t", 999 + 1000)
        assertEquals(listOf("", "a"), h.past())
        h.push("abcd", "t", 999 + 2001)
        assertEquals(listOf("", "a", "abc"), h.past())
    }

    @Test
    fun coalescingBackToTheStartRemovesTheStep() {
        val h = UndoHistory("note")
        h.push("note!", "typing", 0)
        h.push("note", "typing", 100)
        assertFalse(h.canUndo)
        assertEquals("note", h.current)
        h.push("note?", "typing", 150)
        assertEquals(listOf("note"), h.past())
    }

    @Test
    fun ignoredPushDoesNotExtendTheRun() {
        val h = UndoHistory("", coalesceWindowMillis = 100)
        h.push("a", "t", 0)
        h.push("a", "t", 90)
        h.push("ab", "t", 150)
        assertEquals(listOf("", "a"), h.past())
    }

    @Test
    fun maxUndoDropsTheOldest() {
        val h = UndoHistory(0, maxUndo = 3)
        for (i in 1..6) h.push(i)
        assertEquals(listOf(3, 4, 5), h.past())
        assertEquals(5, h.undo()); assertEquals(4, h.undo()); assertEquals(3, h.undo())
        assertNull(h.undo())
        assertEquals(3, h.current)
    }

    @Test
    fun timelineMapsEverything() {
        val h = UndoHistory(Doc("a"))
        h.push(Doc("b")); h.push(Doc("c")); h.push(Doc("d"))
        h.undo(); h.undo()
        assertEquals(listOf("a", "b", "c", "d"), h.timeline { it.text })
        assertEquals(listOf(1, 1, 1, 1), h.timeline { it.text.length })
        assertEquals(listOf("b"), listOf(h.current.text))
    }

    @Test
    fun sameMillisecondCoalesces() {
        // 0 <= atMillis - previous: two keyed pushes at the same instant are one step
        val h = UndoHistory("")
        h.push("a", "t", 5)
        h.push("ab", "t", 5)
        assertEquals(listOf(""), h.past())
        assertEquals("ab", h.current)
    }

    @Test
    fun maxUndoOfOneKeepsOneStep() {
        val h = UndoHistory(0, maxUndo = 1)
        h.push(1); h.push(2)
        assertEquals(listOf(1), h.past())
        assertEquals(1, h.undo())
        assertNull(h.undo())
    }

    @Test
    fun defaultMaxUndoIsOneHundred() {
        val h = UndoHistory(0)
        for (i in 1..101) h.push(i)
        assertEquals((1..100).toList(), h.past())
    }

    @Test
    fun invalidConfiguration() {
        assertFailsWith<IllegalArgumentException> { UndoHistory("", maxUndo = 0) }
        assertFailsWith<IllegalArgumentException> { UndoHistory("", coalesceWindowMillis = -1) }
    }
}
