package kateval.tasks.amounts

/** Human-readable money amounts built on [formatFixed]. */
object Amounts {
    /** e.g. `format(-1234567.891) == "-1,234,567.89"`. */
    fun format(
        value: Double,
        digits: Int = 2,
        groupSeparator: Char = ',',
        decimalSeparator: Char = '.',
    ): String {
        TODO("format")
    }

    /** Like [format] with default separators, but negative amounts are wrapped in parentheses: `(1,234.50)`. */
    fun formatAccounting(value: Double, digits: Int = 2): String {
        TODO("formatAccounting")
    }
}
