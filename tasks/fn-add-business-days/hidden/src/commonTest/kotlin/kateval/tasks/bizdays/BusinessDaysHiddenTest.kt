package kateval.tasks.bizdays

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class BusinessDaysHiddenTest {

    @Test
    fun fridayPlusOneIsMonday() {
        assertEquals("2024-03-11", addBusinessDays("2024-03-08", 1))
    }

    @Test
    fun zeroDaysKeepsBusinessDayOrRollsForward() {
        assertEquals("2024-03-06", addBusinessDays("2024-03-06", 0))
        assertEquals("2024-03-11", addBusinessDays("2024-03-09", 0))
        assertEquals("2024-03-12", addBusinessDays("2024-03-10", 0, setOf("2024-03-11")))
        assertEquals("2000-02-29", addBusinessDays("2000-02-29", 0))
    }

    @Test
    fun startDateOnWeekendDoesNotCount() {
        assertEquals("2024-03-11", addBusinessDays("2024-03-09", 1))
        assertEquals("2024-03-08", addBusinessDays("2024-03-09", -1))
    }

    @Test
    fun skipsHolidays() {
        assertEquals("2024-12-26", addBusinessDays("2024-12-23", 2, setOf("2024-12-25")))
        val closedWeek = setOf("2024-04-08", "2024-04-09", "2024-04-10", "2024-04-11", "2024-04-12")
        assertEquals("2024-04-17", addBusinessDays("2024-04-05", 3, closedWeek))
    }

    @Test
    fun weekendHolidaysHaveNoEffect() {
        assertEquals("2024-03-11", addBusinessDays("2024-03-08", 1, setOf("2024-03-09", "2024-03-10")))
    }

    @Test
    fun negativeDaysWalkBackwards() {
        assertEquals("2024-03-08", addBusinessDays("2024-03-11", -1))
        assertEquals("2023-12-28", addBusinessDays("2024-01-02", -2, setOf("2024-01-01")))
    }

    @Test
    fun leapYearRules() {
        assertEquals("2024-02-29", addBusinessDays("2024-02-28", 1))
        assertEquals("2000-02-29", addBusinessDays("2000-02-28", 1))
        assertEquals("1900-03-01", addBusinessDays("1900-02-28", 1))
        assertEquals("2100-03-01", addBusinessDays("2100-02-26", 1))
    }

    @Test
    fun crossesYearBoundary() {
        assertEquals("2000-01-03", addBusinessDays("1999-12-31", 1))
    }

    @Test
    fun longDistances() {
        assertEquals("2024-12-30", addBusinessDays("2024-01-01", 260))
        assertEquals("2021-12-30", addBusinessDays("2024-01-01", -520, setOf("2023-12-25", "2023-12-26")))
        assertEquals("2063-10-29", addBusinessDays("2025-06-30", 10000))
    }

    @Test
    fun extremeYearsAreZeroPadded() {
        assertEquals("0001-01-08", addBusinessDays("0001-01-01", 5))
        assertEquals("9999-12-21", addBusinessDays("9999-12-24", -3))
    }

    @Test
    fun rejectsImpossibleDates() {
        for (bad in listOf("2024-02-30", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10",
            "2024-04-31", "2024-01-00", "0000-01-01")) {
            assertFailsWith<IllegalArgumentException>(bad) { addBusinessDays(bad, 1) }
        }
    }

    @Test
    fun rejectsMalformedDates() {
        for (bad in listOf("", "2024-1-01", "2024/01/01", " 2024-01-01", "2024-01-01 ", "+024-01-01",
            "20240101", "2024-01-1x", "\uFF12\uFF10\uFF12\uFF14-01-01", "2024-0\u0661-01")) {
            assertFailsWith<IllegalArgumentException>(bad) { addBusinessDays(bad, 0) }
        }
    }

    @Test
    fun rejectsInvalidHoliday() {
        assertFailsWith<IllegalArgumentException> {
            addBusinessDays("2024-03-08", 1, setOf("2024-03-11", "2024-02-30"))
        }
    }
}
