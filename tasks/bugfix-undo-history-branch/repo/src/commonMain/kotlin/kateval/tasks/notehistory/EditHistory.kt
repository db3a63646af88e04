package kateval.tasks.notehistory

/** Undo/redo history of a note's text. */
class EditHistory(initial: String, private val maxSize: Int = 50) {
    private val undoStack = ArrayDeque<String>()
    private val redoStack = ArrayDeque<String>()

    var text: String = initial
        private set

    val canUndo: Boolean get() = undoStack.isNotEmpty()
    val canRedo: Boolean get() = redoStack.isNotEmpty()

    fun edit(newText: String) {
        if (newText == text) return
        undoStack.addLast(text)
        if (undoStack.size > maxSize) undoStack.removeLast()
        text = newText
    }

    fun undo(): Boolean {
        val previous = undoStack.removeLastOrNull() ?: return false
        redoStack.addLast(text)
        text = previous
        return true
    }

    fun redo(): Boolean {
        val next = redoStack.removeFirstOrNull() ?: return false
        undoStack.addLast(text)
        text = next
        return true
    }
}
