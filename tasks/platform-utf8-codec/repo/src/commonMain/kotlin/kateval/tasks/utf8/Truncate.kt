package kateval.tasks.utf8

/** The UTF-8 length of [text] in bytes. */
fun utf8Length(text: String): Int {
    TODO()
}

/** The longest prefix of [text] that fits in [maxBytes] UTF-8 bytes; see instruction.md. */
fun truncateUtf8(text: String, maxBytes: Int, ellipsis: String = ""): String {
    TODO()
}
