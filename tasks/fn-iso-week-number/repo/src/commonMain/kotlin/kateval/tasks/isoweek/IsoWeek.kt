package kateval.tasks.isoweek

/** A date in the ISO week calendar; [dayOfWeek] is 1 (Monday) .. 7 (Sunday). */
data class IsoWeekDate(val weekYear: Int, val week: Int, val dayOfWeek: Int)

/** The ISO week date of the Gregorian date [year]-[month]-[day]. */
fun isoWeekDate(year: Int, month: Int, day: Int): IsoWeekDate {
    TODO("isoWeekDate")
}

/** 52 or 53. */
fun weeksInIsoYear(year: Int): Int {
    TODO("weeksInIsoYear")
}
