package kateval.tasks.wordwrap

/** [text] wrapped to lines of at most [width] code points. See instruction.md. */
fun wrapText(text: String, width: Int): List<String> {
    TODO("wrapText")
}
