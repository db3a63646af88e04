package kateval.tasks.timesheet

import kotlin.time.Duration
import kotlinx.datetime.LocalDate
import kotlinx.datetime.LocalDateTime

/** One shift as clocked in and out on the workplace's wall clock (see [Timesheet.zone]). */
data class Shift(val id: String, val start: LocalDateTime, val end: LocalDateTime)

/** A shift whose end is not after its start (see [Timesheet.durationOf]). */
class InvalidShiftException(val shiftId: String) :
    IllegalArgumentException("shift $shiftId does not end after it starts")

/**
 * One week of work: [weekStart] is the Monday of the week, [worked] the total real time of the
 * shifts that started in it, [overtime] the part of [worked] above the weekly limit.
 */
data class WeekSummary(val weekStart: LocalDate, val worked: Duration, val overtime: Duration)
