package kateval.tasks.lineinfo

/** Replaces every CRLF, CR and LF in [text] with [separator]. */
fun normalizeLineEndings(text: String, separator: String = PlatformInfo.lineSeparator): String {
    TODO()
}
