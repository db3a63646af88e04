package kateval.tasks.timesheet

import kotlin.time.Duration
import kotlinx.datetime.LocalDate
import kotlinx.datetime.TimeZone

/**
 * The timesheet of one worker at a workplace in [zone]. Work above [weeklyLimit] in a week is
 * overtime.
 *
 * @throws IllegalArgumentException when [weeklyLimit] is negative (zero is allowed: then every
 *   hour is overtime).
 */
class Timesheet(val zone: TimeZone, val weeklyLimit: Duration) {
    /**
     * The real time [shift] lasted: from its start to its end, both read as wall-clock date-times
     * in [zone]. A night shift over the night the clocks jump forward lasts an hour less than the
     * wall clock says, one over the night they fall back an hour more.
     *
     * A wall-clock time that does not exist (it falls in the gap when clocks jump forward) is
     * moved forward by the length of the gap; one that happens twice (clocks fall back) takes the
     * earlier offset, the first of the two. These are the rules of kotlinx-datetime's
     * `LocalDateTime.toInstant(TimeZone)`.
     *
     * @throws InvalidShiftException (with the shift's id) when the real time is zero or negative,
     *   that is when the end, so read, is not after the start. In America/Chicago, 02:30 to 03:15
     *   on 8 March 2026 is such a shift: 02:30 does not exist that night and is read as 03:30.
     */
    fun durationOf(shift: Shift): Duration = TODO("durationOf")

    /**
     * The real time worked per day, a shift counting whole for the wall-clock date it started on
     * (a night shift from Monday 22:00 to Tuesday 06:00 is Monday's). Only days on which a shift
     * started; the map iterates in date order.
     *
     * @throws InvalidShiftException for the first invalid shift in the order of [shifts].
     */
    fun dailyTotals(shifts: List<Shift>): Map<LocalDate, Duration> = TODO("dailyTotals")

    /**
     * One [WeekSummary] per week (Monday to Sunday) in which a shift started, in date order. A
     * shift counts whole for the week of the wall-clock date it started on; the overtime is the
     * time worked above [weeklyLimit], or zero when the week stays within it.
     *
     * @throws InvalidShiftException for the first invalid shift in the order of [shifts].
     */
    fun weeks(shifts: List<Shift>): List<WeekSummary> = TODO("weeks")
}
