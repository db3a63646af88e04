package kateval.tasks.compactnum

/** [n] in compact form such as "1.2K" or "3M". See instruction.md. */
fun compactNumber(n: Long, decimalSeparator: Char = '.'): String {
    TODO("compactNumber")
}
