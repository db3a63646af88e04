package kateval.tasks.isoweek

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class IsoWeekHiddenTest {
    @Test
    fun instructionExamples() {
        assertEquals(IsoWeekDate(2025, 1, 1), isoWeekDate(2024, 12, 30))
        assertEquals(IsoWeekDate(2020, 53, 7), isoWeekDate(2021, 1, 3))
        assertEquals(IsoWeekDate(2023, 24, 4), isoWeekDate(2023, 6, 15))
    }

    @Test
    fun weekYearBeforeNewYear() {
        assertEquals(IsoWeekDate(2025, 1, 1), isoWeekDate(2024, 12, 30))
        assertEquals(IsoWeekDate(2009, 1, 1), isoWeekDate(2008, 12, 29))
        assertEquals(IsoWeekDate(2020, 53, 4), isoWeekDate(2020, 12, 31))
        assertEquals(IsoWeekDate(2020, 1, 1), isoWeekDate(2019, 12, 30))
    }

    @Test
    fun weekYearAfterNewYear() {
        assertEquals(IsoWeekDate(2020, 53, 7), isoWeekDate(2021, 1, 3))
        assertEquals(IsoWeekDate(2026, 1, 4), isoWeekDate(2026, 1, 1))
        assertEquals(IsoWeekDate(2026, 53, 5), isoWeekDate(2027, 1, 1))
        assertEquals(IsoWeekDate(2026, 53, 7), isoWeekDate(2027, 1, 3))
        assertEquals(IsoWeekDate(2015, 53, 7), isoWeekDate(2016, 1, 3))
        assertEquals(IsoWeekDate(2009, 53, 7), isoWeekDate(2010, 1, 3))
        assertEquals(IsoWeekDate(2021, 1, 1), isoWeekDate(2021, 1, 4))
    }

    @Test
    fun leapDaysAndCenturies() {
        assertEquals(IsoWeekDate(2000, 9, 2), isoWeekDate(2000, 2, 29))
        assertEquals(IsoWeekDate(1900, 9, 4), isoWeekDate(1900, 3, 1))
        assertEquals(IsoWeekDate(1599, 52, 6), isoWeekDate(1600, 1, 1))
        assertEquals(IsoWeekDate(2015, 53, 4), isoWeekDate(2015, 12, 31))
        assertEquals(IsoWeekDate(2004, 53, 5), isoWeekDate(2004, 12, 31))
        assertEquals(IsoWeekDate(1976, 53, 5), isoWeekDate(1976, 12, 31))
        assertEquals(IsoWeekDate(2024, 9, 4), isoWeekDate(2024, 2, 29))
        assertEquals(IsoWeekDate(2100, 9, 1), isoWeekDate(2100, 3, 1))
    }

    @Test
    fun rangeEnds() {
        assertEquals(IsoWeekDate(1, 1, 1), isoWeekDate(1, 1, 1))
        assertEquals(IsoWeekDate(1, 1, 7), isoWeekDate(1, 1, 7))
        assertEquals(IsoWeekDate(9999, 52, 5), isoWeekDate(9999, 12, 31))
    }

    @Test
    fun weeksInYear() {
        assertEquals(53, weeksInIsoYear(2015))
        assertEquals(53, weeksInIsoYear(2020))
        assertEquals(52, weeksInIsoYear(2021))
        assertEquals(53, weeksInIsoYear(2026))
        assertEquals(53, weeksInIsoYear(2004))
        assertEquals(53, weeksInIsoYear(2009))
        assertEquals(52, weeksInIsoYear(1999))
        assertEquals(52, weeksInIsoYear(2000))
        assertEquals(52, weeksInIsoYear(1))
        assertEquals(52, weeksInIsoYear(9999))
    }

    @Test
    fun consecutiveDaysAdvanceTheWeekDay() {
        var prev = isoWeekDate(2019, 12, 25)
        val days = listOf(26, 27, 28, 29, 30, 31).map { 2019 to it } + (1..10).map { 2020 to it }
        for ((y, d) in days) {
            val cur = isoWeekDate(y, if (y == 2019) 12 else 1, d)
            assertEquals(prev.dayOfWeek % 7 + 1, cur.dayOfWeek)
            if (cur.dayOfWeek == 1) assertEquals(if (prev.week == 52) 1 else prev.week + 1, cur.week)
            prev = cur
        }
    }

    @Test
    fun invalidDates() {
        assertFailsWith<IllegalArgumentException> { isoWeekDate(2023, 2, 29) }
        assertFailsWith<IllegalArgumentException> { isoWeekDate(1900, 2, 29) }
        assertFailsWith<IllegalArgumentException> { isoWeekDate(2023, 4, 31) }
        assertFailsWith<IllegalArgumentException> { isoWeekDate(2023, 13, 1) }
        assertFailsWith<IllegalArgumentException> { isoWeekDate(2023, 0, 1) }
        assertFailsWith<IllegalArgumentException> { isoWeekDate(2023, 1, 0) }
        assertFailsWith<IllegalArgumentException> { isoWeekDate(0, 1, 1) }
        assertFailsWith<IllegalArgumentException> { isoWeekDate(10000, 1, 1) }
        assertFailsWith<IllegalArgumentException> { weeksInIsoYear(0) }
    }
}
