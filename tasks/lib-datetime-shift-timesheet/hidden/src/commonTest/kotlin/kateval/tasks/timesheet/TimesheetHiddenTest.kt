package kateval.tasks.timesheet

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.time.Duration
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.minutes
import kotlinx.datetime.LocalDate
import kotlinx.datetime.LocalDateTime
import kotlinx.datetime.TimeZone

// Expected durations were computed with Python's zoneinfo. America/Chicago in 2026: clocks jump
// from 02:00 to 03:00 on 8 March and fall back from 02:00 to 01:00 on 1 November.
class TimesheetHiddenTest {
    private val chicago = TimeZone.of("America/Chicago")
    private val timesheet = Timesheet(chicago, 40.hours)

    private fun shift(id: String, start: String, end: String) =
        Shift(id, LocalDateTime.parse(start), LocalDateTime.parse(end))

    /** A night shift from 22:00 on [day] to 06:00 on [nextDay]. */
    private fun night(day: String, nextDay: String) = shift("n$day", "${day}T22:00", "${nextDay}T06:00")

    private fun date(text: String) = LocalDate.parse(text)

    @Test
    fun ordinaryShiftsLastTheirWallClockLength() {
        assertEquals(8.hours, timesheet.durationOf(night("2026-03-02", "2026-03-03")))
        assertEquals(8.hours + 30.minutes, timesheet.durationOf(shift("d", "2026-03-04T09:00", "2026-03-04T17:30")))
        assertEquals(1.minutes, timesheet.durationOf(shift("m", "2026-03-04T09:00", "2026-03-04T09:01")))
    }

    @Test
    fun nightsOverTheClockChanges() {
        assertEquals(7.hours, timesheet.durationOf(night("2026-03-07", "2026-03-08")), "spring forward")
        assertEquals(9.hours, timesheet.durationOf(night("2026-10-31", "2026-11-01")), "fall back")
        // A shift starting before the jump and ending in it: 20:00 CST to 04:00 CDT.
        assertEquals(7.hours, timesheet.durationOf(shift("e", "2026-03-07T20:00", "2026-03-08T04:00")))
    }

    @Test
    fun aTimeInTheRepeatedHourTakesTheEarlierOffset() {
        // 01:30 on 1 November happens twice: the first one, still CDT (-05:00).
        assertEquals(7.hours + 30.minutes, timesheet.durationOf(shift("a", "2026-10-31T18:00", "2026-11-01T01:30")))
        assertEquals(9.hours, timesheet.durationOf(shift("b", "2026-11-01T01:30", "2026-11-01T09:30")))
    }

    @Test
    fun aTimeInTheGapMovesForwardByTheGap() {
        // 02:30 on 8 March does not exist: it is read as 03:30 CDT.
        assertEquals(6.hours + 30.minutes, timesheet.durationOf(shift("g", "2026-03-08T02:30", "2026-03-08T10:00")))
        assertEquals(1.hours, timesheet.durationOf(shift("h", "2026-03-08T01:30", "2026-03-08T03:30")))
    }

    @Test
    fun theTimesheetsZoneDecides() {
        // Europe changes its clocks three weeks after Chicago: 29 March and 25 October 2026.
        val berlin = Timesheet(TimeZone.of("Europe/Berlin"), 40.hours)
        assertEquals(7.hours, berlin.durationOf(night("2026-03-28", "2026-03-29")))
        assertEquals(8.hours, timesheet.durationOf(night("2026-03-28", "2026-03-29")))
        assertEquals(9.hours, berlin.durationOf(night("2026-10-24", "2026-10-25")))
        assertEquals(8.hours, berlin.durationOf(night("2026-10-31", "2026-11-01")))
    }

    @Test
    fun dailyTotalsByStartDateInDateOrder() {
        val shifts = listOf(
            night("2026-03-09", "2026-03-10"),
            shift("d10", "2026-03-10T14:00", "2026-03-10T18:00"),
            night("2026-03-07", "2026-03-08"), // the short night counts for 7 March
            shift("a7", "2026-03-07T10:00", "2026-03-07T14:00"),
            night("2026-03-08", "2026-03-09"),
        )
        val totals = timesheet.dailyTotals(shifts)
        assertEquals(mapOf(date("2026-03-07") to 11.hours, date("2026-03-08") to 8.hours,
            date("2026-03-09") to 8.hours, date("2026-03-10") to 4.hours), totals)
        assertEquals(listOf("2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10").map(::date), totals.keys.toList())
    }

    @Test
    fun overtimeIsOnlyTheTimeAboveTheLimit() {
        val spring = listOf(night("2026-03-02", "2026-03-03"), night("2026-03-03", "2026-03-04"),
            night("2026-03-04", "2026-03-05"), night("2026-03-05", "2026-03-06"), night("2026-03-07", "2026-03-08"))
        val plain = listOf(night("2026-03-09", "2026-03-10"), night("2026-03-10", "2026-03-11"),
            night("2026-03-11", "2026-03-12"), night("2026-03-12", "2026-03-13"), night("2026-03-13", "2026-03-14"))
        val autumn = listOf(night("2026-10-26", "2026-10-27"), night("2026-10-27", "2026-10-28"),
            night("2026-10-28", "2026-10-29"), night("2026-10-29", "2026-10-30"), night("2026-10-31", "2026-11-01"))
        assertEquals(listOf(
            WeekSummary(date("2026-03-02"), 39.hours, Duration.ZERO), // the short night keeps it under 40
            WeekSummary(date("2026-03-09"), 40.hours, Duration.ZERO), // exactly the limit
            WeekSummary(date("2026-10-26"), 41.hours, 1.hours),       // the long night pushes it over
        ), timesheet.weeks(autumn + spring.reversed() + plain))
    }

    @Test
    fun weeksRunMondayToSundayByTheStartDate() {
        val tenHours = Timesheet(chicago, 10.hours)
        val shifts = listOf(
            shift("wed", "2026-03-11T09:00", "2026-03-11T10:30"),
            shift("sun", "2026-03-01T22:00", "2026-03-02T06:00"), // Sunday night: the week before
            shift("mon", "2026-03-02T09:00", "2026-03-02T12:00"),
            shift("sat", "2026-03-07T20:00", "2026-03-08T04:00"),
            shift("sun2", "2026-03-08T09:00", "2026-03-08T13:00"),
        )
        assertEquals(listOf(
            WeekSummary(date("2026-02-23"), 8.hours, Duration.ZERO),
            WeekSummary(date("2026-03-02"), 14.hours, 4.hours),
            WeekSummary(date("2026-03-09"), 1.hours + 30.minutes, Duration.ZERO),
        ), tenHours.weeks(shifts))
    }

    @Test
    fun aZeroLimitMakesEveryHourOvertimeAndANegativeOneIsRejected() {
        val noLimit = Timesheet(chicago, Duration.ZERO)
        assertEquals(listOf(WeekSummary(date("2026-10-26"), 9.hours, 9.hours)),
            noLimit.weeks(listOf(night("2026-10-31", "2026-11-01"))))
        assertFailsWith<IllegalArgumentException> { Timesheet(chicago, (-1).minutes) }
    }

    @Test
    fun shiftsThatDoNotEndAfterTheyStartAreRejected() {
        val empty = shift("empty", "2026-03-03T09:00", "2026-03-03T09:00")
        val backwards = shift("backwards", "2026-03-03T17:00", "2026-03-03T09:00")
        assertEquals("empty", assertFailsWith<InvalidShiftException> { timesheet.durationOf(empty) }.shiftId)
        assertEquals("backwards", assertFailsWith<InvalidShiftException> { timesheet.durationOf(backwards) }.shiftId)
        // 02:30 is read as 03:30, after 03:15: no real time was worked.
        val inTheGap = shift("gap", "2026-03-08T02:30", "2026-03-08T03:15")
        assertEquals("gap", assertFailsWith<InvalidShiftException> { timesheet.durationOf(inTheGap) }.shiftId)
    }

    @Test
    fun totalsReportTheFirstInvalidShiftInListOrder() {
        val shifts = listOf(night("2026-03-02", "2026-03-03"),
            shift("backwards", "2026-03-03T17:00", "2026-03-03T09:00"),
            shift("empty", "2026-03-03T09:00", "2026-03-03T09:00"))
        assertEquals("backwards", assertFailsWith<InvalidShiftException> { timesheet.dailyTotals(shifts) }.shiftId)
        assertEquals("backwards", assertFailsWith<InvalidShiftException> { timesheet.weeks(shifts) }.shiftId)
    }

    @Test
    fun noShifts() {
        assertEquals(emptyMap(), timesheet.dailyTotals(emptyList()))
        assertEquals(emptyList(), timesheet.weeks(emptyList()))
    }
}
