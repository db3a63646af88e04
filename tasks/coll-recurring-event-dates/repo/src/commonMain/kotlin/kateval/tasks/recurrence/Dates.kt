package kateval.tasks.recurrence

/** A calendar date (proleptic Gregorian, years 1..9999). */
data class Day(val year: Int, val month: Int, val day: Int) : Comparable<Day> {
    init {
        require(year in 1..9999 && month in 1..12 && day in 1..lengthOfMonth(year, month)) { "invalid date $year-$month-$day" }
    }

    /** 1 = Monday .. 7 = Sunday. */
    val weekday: Int get() = (epochDay() + 3).mod(7L).toInt() + 1

    fun epochDay(): Long {
        val y = (if (month <= 2) year - 1 else year).toLong()
        val era = y / 400
        val yoe = y - era * 400
        val mp = (month + 9) % 12
        val doy = (153 * mp + 2) / 5 + day - 1
        return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
    }

    fun plusDays(n: Long): Day = fromEpochDay(epochDay() + n)

    override fun compareTo(other: Day): Int = epochDay().compareTo(other.epochDay())

    override fun toString(): String =
        "${year.toString().padStart(4, '0')}-${month.toString().padStart(2, '0')}-${day.toString().padStart(2, '0')}"

    companion object {
        const val MAX_EPOCH_DAY = 2932896L

        fun isLeap(y: Int) = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0

        fun lengthOfMonth(y: Int, m: Int) = when (m) {
            2 -> if (isLeap(y)) 29 else 28
            4, 6, 9, 11 -> 30
            else -> 31
        }

        fun fromEpochDay(n: Long): Day {
            val z = n + 719468
            val era = z / 146097
            val doe = z - era * 146097
            val yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
            val doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            val mp = (5 * doy + 2) / 153
            val d = (doy - (153 * mp + 2) / 5 + 1).toInt()
            val m = (if (mp < 10) mp + 3 else mp - 9).toInt()
            return Day((yoe + era * 400 + if (m <= 2) 1 else 0).toInt(), m, d)
        }

        fun parse(s: String): Day = s.split('-').let { Day(it[0].toInt(), it[1].toInt(), it[2].toInt()) }
    }
}
