package kateval.tasks.meetings

import kotlinx.datetime.DayOfWeek
import kotlinx.datetime.LocalDate
import kotlinx.datetime.LocalTime
import kotlinx.datetime.TimeZone

/**
 * A recurring team meeting as its organizer created it: every [dayOfWeek] at [time] on the
 * organizer's wall clock in [organizerZone], [count] times, the first on the first [dayOfWeek]
 * on or after [startDate] (on [startDate] itself when it is that day of the week).
 */
data class WeeklyMeeting(
    val title: String,
    val organizerZone: TimeZone,
    val dayOfWeek: DayOfWeek,
    val time: LocalTime,
    val startDate: LocalDate,
    val count: Int,
)
