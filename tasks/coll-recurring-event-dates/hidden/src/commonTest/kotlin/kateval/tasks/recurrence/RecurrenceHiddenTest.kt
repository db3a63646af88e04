package kateval.tasks.recurrence

import kotlin.test.Test
import kotlin.test.assertEquals

class RecurrenceHiddenTest {
    private fun d(s: String) = Day.parse(s)
    private fun days(vararg s: String) = s.map(::d)
    private fun Series.between(a: String, b: String) = occurrencesBetween(d(a), d(b))

    @Test
    fun dailyWithInterval() {
        val s = Series(d("2024-02-27"), Rule.Daily(2))
        assertEquals(days("2024-02-27", "2024-02-29", "2024-03-02"), s.between("2024-02-01", "2024-03-03"))
        assertEquals(days("2024-02-29"), s.between("2024-02-28", "2024-02-29"))
        assertEquals(emptyList(), s.between("2024-03-03", "2024-03-01"))
    }

    @Test
    fun weeklyOnSeveralDays() {
        // 2024-01-03 is a Wednesday
        val s = Series(d("2024-01-03"), Rule.Weekly(1, setOf(1, 3, 5)))
        assertEquals(days("2024-01-03", "2024-01-05", "2024-01-08", "2024-01-10"), s.between("2024-01-01", "2024-01-10"))
    }

    @Test
    fun weeklyEveryOtherWeekCountsFromTheStartWeek() {
        // start on a Sunday: its week began on Monday 2024-01-01
        val s = Series(d("2024-01-07"), Rule.Weekly(2, setOf(1, 7)))
        assertEquals(days("2024-01-07", "2024-01-15", "2024-01-21", "2024-01-29"), s.between("2024-01-01", "2024-01-31"))
        val plain = Series(d("2024-01-10"), Rule.Weekly(3))
        assertEquals(days("2024-01-10", "2024-01-31", "2024-02-21"), plain.between("2024-01-01", "2024-02-29"))
    }

    @Test
    fun monthlyOnDayClampsOrSkips() {
        val clamp = Series(d("2024-01-31"), Rule.MonthlyOnDay(1, 31, clampToEnd = true))
        assertEquals(days("2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"), clamp.between("2024-01-01", "2024-04-30"))
        val skip = Series(d("2024-01-31"), Rule.MonthlyOnDay(1, 31, clampToEnd = false))
        assertEquals(days("2024-01-31", "2024-03-31", "2024-05-31"), skip.between("2024-01-01", "2024-06-29"))
    }

    @Test
    fun monthlyStartAfterTheDayBeginsNextPeriod() {
        val s = Series(d("2024-01-20"), Rule.MonthlyOnDay(2, 15))
        // period 0 (January) has the 15th before start; next used month is March
        assertEquals(days("2024-03-15", "2024-05-15"), s.between("2024-01-01", "2024-06-30"))
    }

    @Test
    fun nthAndLastWeekdayOfMonth() {
        val second = Series(d("2024-01-01"), Rule.MonthlyOnWeekday(1, 2, 2))
        assertEquals(days("2024-01-09", "2024-02-13", "2024-03-12"), second.between("2024-01-01", "2024-03-31"))
        val last = Series(d("2024-01-01"), Rule.MonthlyOnWeekday(1, -1, 5))
        assertEquals(days("2024-01-26", "2024-02-23", "2024-03-29"), last.between("2024-01-01", "2024-03-31"))
        val fifth = Series(d("2024-01-01"), Rule.MonthlyOnWeekday(1, 5, 1))
        assertEquals(days("2024-01-29", "2024-04-29", "2024-07-29"), fifth.between("2024-01-01", "2024-08-31"))
        val lastSunday = Series(d("2024-03-01"), Rule.MonthlyOnWeekday(1, -1, 7))
        assertEquals(days("2024-03-31", "2024-04-28"), lastSunday.between("2024-03-01", "2024-04-30"))
    }

    @Test
    fun yearlyOnLeapDay() {
        val s = Series(d("2024-02-29"), Rule.Yearly())
        assertEquals(days("2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"), s.between("2024-01-01", "2028-12-31"))
        val every4 = Series(d("2096-02-29"), Rule.Yearly(4))
        assertEquals(days("2096-02-29", "2100-02-28", "2104-02-29"), every4.between("2090-01-01", "2105-01-01"))
    }

    @Test
    fun countIncludesOccurrencesBeforeTheWindowAndExceptions() {
        val s = Series(d("2024-01-01"), Rule.Daily(), count = 5, exceptions = setOf(d("2024-01-02")))
        assertEquals(days("2024-01-01", "2024-01-03", "2024-01-04", "2024-01-05"), s.between("2023-12-01", "2024-12-31"))
        assertEquals(days("2024-01-04", "2024-01-05"), s.between("2024-01-04", "2024-12-31"))
        assertEquals(emptyList(), s.between("2024-01-06", "2024-12-31"))
    }

    @Test
    fun countWithSkippedMonths() {
        val s = Series(d("2024-01-31"), Rule.MonthlyOnDay(1, 31, clampToEnd = false), count = 3)
        assertEquals(days("2024-01-31", "2024-03-31", "2024-05-31"), s.between("2024-01-01", "2025-12-31"))
    }

    @Test
    fun untilIsInclusive() {
        val s = Series(d("2024-01-01"), Rule.Weekly(1, setOf(1)), until = d("2024-01-15"))
        assertEquals(days("2024-01-01", "2024-01-08", "2024-01-15"), s.between("2024-01-01", "2024-12-31"))
        assertEquals(days("2024-01-15"), s.between("2024-01-10", "2024-01-20"))
    }

    @Test
    fun windowFarFromStart() {
        val s = Series(d("2000-01-03"), Rule.Weekly(1, setOf(1)))
        assertEquals(days("2030-01-07", "2030-01-14"), s.between("2030-01-01", "2030-01-14"))
        val m = Series(d("9000-01-01"), Rule.MonthlyOnDay(1, 1))
        assertEquals(days("9999-11-01", "9999-12-01"), m.between("9999-11-01", "9999-12-31"))
    }

    @Test
    fun stopsAtTheEndOfTheCalendar() {
        val daily = Series(d("9999-12-30"), Rule.Daily())
        assertEquals(days("9999-12-30", "9999-12-31"), daily.between("9999-01-01", "9999-12-31"))
        val weekly = Series(d("9999-12-27"), Rule.Weekly(1, setOf(1, 7)))
        assertEquals(days("9999-12-27"), weekly.between("9999-12-01", "9999-12-31"))
        val yearly = Series(d("9998-06-01"), Rule.Yearly())
        assertEquals(days("9998-06-01", "9999-06-01"), yearly.between("9990-01-01", "9999-12-31"))
    }
}
