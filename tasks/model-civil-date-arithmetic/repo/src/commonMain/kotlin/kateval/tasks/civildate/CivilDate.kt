package kateval.tasks.civildate

enum class DayOfWeek { MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY }

/** A date in the proleptic Gregorian calendar, years 1..9999. See instruction.md. */
data class CivilDate(val year: Int, val month: Int, val day: Int) : Comparable<CivilDate> {
    init {
        TODO("validate")
    }

    val isLeapYear: Boolean get() = TODO("isLeapYear")

    val lengthOfMonth: Int get() = TODO("lengthOfMonth")

    val dayOfYear: Int get() = TODO("dayOfYear")

    val dayOfWeek: DayOfWeek get() = TODO("dayOfWeek")

    fun toEpochDay(): Long = TODO("toEpochDay")

    fun plusDays(days: Long): CivilDate = TODO("plusDays")

    fun plusMonths(months: Int): CivilDate = TODO("plusMonths")

    fun plusYears(years: Int): CivilDate = TODO("plusYears")

    fun daysUntil(other: CivilDate): Long = TODO("daysUntil")

    fun monthsUntil(other: CivilDate): Int = TODO("monthsUntil")

    override fun compareTo(other: CivilDate): Int = TODO("compareTo")

    override fun toString(): String = TODO("toString")

    companion object {
        fun fromEpochDay(epochDay: Long): CivilDate = TODO("fromEpochDay")

        fun parse(text: String): CivilDate = TODO("parse")
    }
}
