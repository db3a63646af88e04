package kateval.tasks.notehistory

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

class EditHistoryTest {
    @Test
    fun undoAndRedoOneEdit() {
        val h = EditHistory("")
        h.edit("hello")
        assertTrue(h.undo())
        assertEquals("", h.text)
        assertTrue(h.redo())
        assertEquals("hello", h.text)
    }
}
