package kateval.tasks.civildate

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class CivilDateHiddenTest {
    private fun d(s: String) = CivilDate.parse(s)

    @Test
    fun validation() {
        CivilDate(2024, 2, 29)
        CivilDate(2000, 2, 29)
        assertFailsWith<IllegalArgumentException> { CivilDate(1900, 2, 29) }
        assertFailsWith<IllegalArgumentException> { CivilDate(2023, 2, 29) }
        assertFailsWith<IllegalArgumentException> { CivilDate(2023, 4, 31) }
        assertFailsWith<IllegalArgumentException> { CivilDate(2023, 0, 1) }
        assertFailsWith<IllegalArgumentException> { CivilDate(2023, 13, 1) }
        assertFailsWith<IllegalArgumentException> { CivilDate(0, 1, 1) }
        assertFailsWith<IllegalArgumentException> { CivilDate(10000, 1, 1) }
        assertFailsWith<IllegalArgumentException> { CivilDate(2023, 1, 0) }
    }

    @Test
    fun calendarProperties() {
        assertTrue(d("2024-01-01").isLeapYear)
        assertFalse(d("2100-01-01").isLeapYear)
        assertTrue(d("2400-01-01").isLeapYear)
        assertEquals(29, d("2024-02-10").lengthOfMonth)
        assertEquals(28, d("1900-02-10").lengthOfMonth)
        assertEquals(30, d("2023-11-10").lengthOfMonth)
        assertEquals(60, d("2024-02-29").dayOfYear)
        assertEquals(366, d("2024-12-31").dayOfYear)
        assertEquals(365, d("2023-12-31").dayOfYear)
    }

    @Test
    fun daysOfWeek() {
        assertEquals(DayOfWeek.THURSDAY, d("1970-01-01").dayOfWeek)
        assertEquals(DayOfWeek.WEDNESDAY, d("1969-12-31").dayOfWeek)
        assertEquals(DayOfWeek.MONDAY, d("0001-01-01").dayOfWeek)
        assertEquals(DayOfWeek.FRIDAY, d("9999-12-31").dayOfWeek)
        assertEquals(DayOfWeek.SATURDAY, d("2000-01-01").dayOfWeek)
        assertEquals(DayOfWeek.THURSDAY, d("2024-02-29").dayOfWeek)
    }

    @Test
    fun epochDays() {
        assertEquals(0L, d("1970-01-01").toEpochDay())
        assertEquals(-1L, d("1969-12-31").toEpochDay())
        assertEquals(19782L, d("2024-02-29").toEpochDay())
        assertEquals(-719162L, d("0001-01-01").toEpochDay())
        assertEquals(2932896L, d("9999-12-31").toEpochDay())
        for (n in listOf(-719162L, -500000L, -1L, 0L, 59L, 60L, 10957L, 2932896L)) {
            assertEquals(n, CivilDate.fromEpochDay(n).toEpochDay())
        }
        assertFailsWith<IllegalArgumentException> { CivilDate.fromEpochDay(-719163L) }
        assertFailsWith<IllegalArgumentException> { CivilDate.fromEpochDay(2932897L) }
    }

    @Test
    fun plusDaysAcrossBoundaries() {
        assertEquals(d("2024-03-01"), d("2024-02-28").plusDays(2))
        assertEquals(d("2023-03-01"), d("2023-02-28").plusDays(1))
        assertEquals(d("2023-12-31"), d("2024-01-01").plusDays(-1))
        assertEquals(d("9999-12-31"), d("0001-01-01").plusDays(2932896L + 719162L))
        assertFailsWith<ArithmeticException> { d("9999-12-31").plusDays(1) }
        assertFailsWith<ArithmeticException> { d("0001-01-01").plusDays(-1) }
        assertFailsWith<ArithmeticException> { d("2000-01-01").plusDays(Long.MAX_VALUE) }
        assertFailsWith<ArithmeticException> { d("2000-01-01").plusDays(Long.MIN_VALUE) }
    }

    @Test
    fun plusMonthsClampsTheDay() {
        assertEquals(d("2023-02-28"), d("2023-01-31").plusMonths(1))
        assertEquals(d("2024-02-29"), d("2024-01-31").plusMonths(1))
        assertEquals(d("2024-04-30"), d("2024-03-31").plusMonths(1))
        assertEquals(d("2023-11-30"), d("2024-03-31").plusMonths(-4))
        assertEquals(d("2025-01-15"), d("2024-12-15").plusMonths(1))
        assertEquals(d("2023-12-15"), d("2024-01-15").plusMonths(-1))
        assertEquals(d("2034-06-30"), d("2024-06-30").plusMonths(120))
        assertEquals(d("2024-05-31"), d("2024-05-31").plusMonths(0))
    }

    @Test
    fun plusMonthsAndYearsOutOfRange() {
        assertFailsWith<ArithmeticException> { d("9999-12-01").plusMonths(1) }
        assertFailsWith<ArithmeticException> { d("0001-01-31").plusMonths(-1) }
        assertFailsWith<ArithmeticException> { d("2000-01-01").plusMonths(Int.MAX_VALUE) }
        assertFailsWith<ArithmeticException> { d("2000-01-01").plusMonths(Int.MIN_VALUE) }
        assertFailsWith<ArithmeticException> { d("2000-01-01").plusYears(Int.MAX_VALUE) }
        assertFailsWith<ArithmeticException> { d("2000-01-01").plusYears(-2000) }
    }

    @Test
    fun plusMonthsAndYearsReachTheFirstAndLastYear() {
        // years 1 and 9999 are still in range
        assertEquals(d("9999-06-30"), d("2000-06-30").plusYears(7999))
        assertEquals(d("0001-06-30"), d("2000-06-30").plusYears(-1999))
        assertEquals(d("9999-12-31"), d("9999-01-31").plusMonths(11))
        assertEquals(d("0001-01-31"), d("0001-12-31").plusMonths(-11))
        assertFailsWith<ArithmeticException> { d("2000-06-30").plusYears(8000) }
        assertFailsWith<ArithmeticException> { d("2000-06-30").plusYears(-2000) }
    }

    @Test
    fun plusYearsClampsLeapDay() {
        assertEquals(d("2025-02-28"), d("2024-02-29").plusYears(1))
        assertEquals(d("2028-02-29"), d("2024-02-29").plusYears(4))
        assertEquals(d("2100-02-28"), d("2096-02-29").plusYears(4))
        assertEquals(d("1999-07-04"), d("2024-07-04").plusYears(-25))
    }

    @Test
    fun daysAndMonthsUntil() {
        assertEquals(366L, d("2024-01-01").daysUntil(d("2025-01-01")))
        assertEquals(-1L, d("2024-01-01").daysUntil(d("2023-12-31")))
        assertEquals(1, d("2023-01-31").monthsUntil(d("2023-02-28")))
        assertEquals(0, d("2023-01-31").monthsUntil(d("2023-02-27")))
        assertEquals(-1, d("2023-03-31").monthsUntil(d("2023-02-28")))
        assertEquals(0, d("2023-03-31").monthsUntil(d("2023-03-01")))
        assertEquals(11, d("2023-01-15").monthsUntil(d("2024-01-14")))
        assertEquals(12, d("2023-01-15").monthsUntil(d("2024-01-15")))
        assertEquals(-12, d("2024-01-15").monthsUntil(d("2023-01-15")))
        assertEquals(-11, d("2024-01-15").monthsUntil(d("2023-01-16")))
        assertEquals(0, d("2024-01-15").monthsUntil(d("2024-01-15")))
        assertEquals(119987, d("0001-01-01").monthsUntil(d("9999-12-31")))
    }

    @Test
    fun orderingAndText() {
        val dates = listOf("2024-01-02", "0999-12-31", "2024-01-01", "2023-12-31", "0001-01-01").map(::d)
        assertEquals(listOf("0001-01-01", "0999-12-31", "2023-12-31", "2024-01-01", "2024-01-02"), dates.sorted().map { it.toString() })
        assertEquals("0042-03-07", CivilDate(42, 3, 7).toString())
        assertTrue(d("2024-02-01") > d("2024-01-31"))
    }

    @Test
    fun parseIsStrict() {
        assertEquals(CivilDate(2024, 2, 29), d("2024-02-29"))
        for (bad in listOf("", "2024-2-29", "24-02-29", "2024/02/29", "2024-02-30", "2023-02-29", "0000-01-01", " 2024-02-29",
            "2024-02-29T00:00", "+024-02-29", "2024-0a-01", "２０２４-02-29", "2024--2-29")) {
            assertFailsWith<IllegalArgumentException>(bad) { d(bad) }
        }
    }
}
