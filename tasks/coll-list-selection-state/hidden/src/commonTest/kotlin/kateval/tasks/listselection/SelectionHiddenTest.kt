package kateval.tasks.listselection

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull

class SelectionHiddenTest {
    private val items = listOf("a", "b", "c", "d", "e", "f")
    private val start = SelectionState(items)

    private fun run(vararg actions: SelectionAction) = actions.fold(start) { s, a -> reduceSelection(s, a) }

    @Test
    fun clickSelectsOnlyOne() {
        val s = run(SelectionAction.Click("b"), SelectionAction.Click("d"))
        assertEquals(setOf("d"), s.selected)
        assertEquals("d", s.anchor)
    }

    @Test
    fun toggleAddsAndRemoves() {
        val s = run(SelectionAction.Click("a"), SelectionAction.ToggleClick("c"), SelectionAction.ToggleClick("e"), SelectionAction.ToggleClick("a"))
        assertEquals(setOf("c", "e"), s.selected)
        assertEquals("a", s.anchor)
    }

    @Test
    fun shiftSelectsARangeInEitherDirection() {
        assertEquals(listOf("b", "c", "d", "e"), selectedInOrder(run(SelectionAction.Click("b"), SelectionAction.ShiftClick("e"))))
        assertEquals(listOf("b", "c", "d", "e"), selectedInOrder(run(SelectionAction.Click("e"), SelectionAction.ShiftClick("b"))))
        assertEquals(listOf("c"), selectedInOrder(run(SelectionAction.Click("c"), SelectionAction.ShiftClick("c"))))
    }

    @Test
    fun shiftReplacesThePreviousRangeAndKeepsTheAnchor() {
        val s = run(SelectionAction.Click("c"), SelectionAction.ShiftClick("f"), SelectionAction.ShiftClick("a"))
        assertEquals(listOf("a", "b", "c"), selectedInOrder(s))
        assertEquals("c", s.anchor)
        val t = run(SelectionAction.Click("a"), SelectionAction.ToggleClick("e"), SelectionAction.ShiftClick("c"))
        assertEquals(listOf("c", "d", "e"), selectedInOrder(t))
    }

    @Test
    fun shiftWithoutAnchorIsAClick() {
        val s = run(SelectionAction.ShiftClick("d"))
        assertEquals(setOf("d"), s.selected)
        assertEquals("d", s.anchor)
    }

    @Test
    fun unknownKeysChangeNothing() {
        val s = run(SelectionAction.Click("b"))
        for (a in listOf(SelectionAction.Click("z"), SelectionAction.ToggleClick("z"), SelectionAction.ShiftClick("z"))) {
            assertEquals(s, reduceSelection(s, a))
        }
    }

    @Test
    fun selectAllAndClear() {
        val s = run(SelectionAction.Click("b"), SelectionAction.SelectAll)
        assertEquals(items, selectedInOrder(s))
        assertEquals("b", s.anchor)
        val c = reduceSelection(s, SelectionAction.ClearSelection)
        assertEquals(emptySet<String>(), c.selected)
        assertNull(c.anchor)
    }

    @Test
    fun refreshKeepsSurvivingSelection() {
        val s = run(SelectionAction.Click("b"), SelectionAction.ShiftClick("d"))
        val r = reduceSelection(s, SelectionAction.SetItems(listOf("d", "x", "c", "a")))
        assertEquals(listOf("d", "c"), selectedInOrder(r))
        assertNull(r.anchor)
        val kept = reduceSelection(run(SelectionAction.Click("c")), SelectionAction.SetItems(listOf("c", "b")))
        assertEquals("c", kept.anchor)
        val range = reduceSelection(kept, SelectionAction.ShiftClick("b"))
        assertEquals(listOf("c", "b"), selectedInOrder(range))
    }

    @Test
    fun duplicateKeysAreRejected() {
        assertFailsWith<IllegalArgumentException> { reduceSelection(start, SelectionAction.SetItems(listOf("a", "b", "a"))) }
    }

    @Test
    fun emptyList() {
        val e = SelectionState()
        assertEquals(e, reduceSelection(e, SelectionAction.SelectAll))
        assertEquals(emptyList<String>(), selectedInOrder(e))
    }
}
