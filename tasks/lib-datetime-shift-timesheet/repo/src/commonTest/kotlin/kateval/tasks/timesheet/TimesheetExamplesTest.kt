package kateval.tasks.timesheet

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.time.Duration.Companion.hours
import kotlinx.datetime.LocalDate
import kotlinx.datetime.LocalDateTime
import kotlinx.datetime.TimeZone

class TimesheetExamplesTest {
    private val timesheet = Timesheet(TimeZone.of("America/Chicago"), 40.hours)

    @Test
    fun theExample() {
        val spring = Shift("s1", LocalDateTime.parse("2026-03-07T22:00"), LocalDateTime.parse("2026-03-08T06:00"))
        val autumn = Shift("s2", LocalDateTime.parse("2026-10-31T22:00"), LocalDateTime.parse("2026-11-01T06:00"))
        assertEquals(7.hours, timesheet.durationOf(spring))
        assertEquals(9.hours, timesheet.durationOf(autumn))
        assertEquals(mapOf(LocalDate(2026, 3, 7) to 7.hours), timesheet.dailyTotals(listOf(spring)))
    }
}
