package kateval.tasks.bizdays

/**
 * Returns the date that lies [days] business days after (or before, when negative)
 * [start]. Dates are ISO `YYYY-MM-DD` strings. See instruction.md for the rules.
 */
fun addBusinessDays(start: String, days: Int, holidays: Set<String> = emptySet()): String {
    TODO("add business days")
}
