package kateval.tasks.textedit

/** Text, cursor and selection of a text field. See instruction.md. */
class TextBuffer(initial: String = "") {
    val text: String get() = TODO("text")
    val cursor: Int get() = TODO("cursor")
    val anchor: Int get() = TODO("anchor")
    val selectedText: String get() = TODO("selectedText")

    fun insert(s: String): Unit = TODO("insert")

    fun backspace(): Unit = TODO("backspace")

    fun deleteForward(): Unit = TODO("deleteForward")

    fun moveLeft(extend: Boolean = false): Unit = TODO("moveLeft")

    fun moveRight(extend: Boolean = false): Unit = TODO("moveRight")

    fun moveWordLeft(extend: Boolean = false): Unit = TODO("moveWordLeft")

    fun moveWordRight(extend: Boolean = false): Unit = TODO("moveWordRight")

    fun selectAll(): Unit = TODO("selectAll")

    fun setCursor(index: Int, extend: Boolean = false): Unit = TODO("setCursor")
}
