package kateval.tasks.meetings

import kotlin.time.Instant
import kotlinx.datetime.LocalDate
import kotlinx.datetime.LocalDateTime
import kotlinx.datetime.TimeZone

// Every function here throws IllegalArgumentException when the meeting's count is negative;
// a count of 0 is a series without occurrences (empty lists, no next occurrence).

/**
 * The organizer's calendar dates of the series, in order: the first [WeeklyMeeting.dayOfWeek] on
 * or after [WeeklyMeeting.startDate], then every 7 days, [WeeklyMeeting.count] dates in all.
 */
fun WeeklyMeeting.dates(): List<LocalDate> = TODO("dates")

/**
 * The moments the occurrences start, in order: each of [dates] at [WeeklyMeeting.time] in
 * [WeeklyMeeting.organizerZone].
 *
 * - A wall-clock time that does not exist on that date (it falls in the gap when clocks jump
 *   forward) is moved forward by the length of the gap: 02:30 on the night Berlin jumps from
 *   02:00 to 03:00 is 03:30 summer time (01:30 UTC).
 * - A wall-clock time that happens twice (clocks fall back) is the first of the two, at the
 *   earlier offset: 02:30 on the night Berlin falls back from 03:00 to 02:00 is 02:30 summer
 *   time (00:30 UTC).
 *
 * These are the rules of kotlinx-datetime's `LocalDateTime.toInstant(TimeZone)`.
 */
fun WeeklyMeeting.occurrences(): List<Instant> = TODO("occurrences")

/** The [occurrences] as the wall-clock date-times of an attendee in [zone], in order. */
fun WeeklyMeeting.localTimesIn(zone: TimeZone): List<LocalDateTime> = TODO("localTimesIn")

/** The first occurrence strictly after [moment], or null when the series has none left. */
fun WeeklyMeeting.nextAfter(moment: Instant): Instant? = TODO("nextAfter")

/**
 * The weeks an attendee in [zone] is warned about: the indices (from 0) of the occurrences whose
 * wall-clock time of day in [zone] differs from that of the occurrence before, in order. The first
 * occurrence (index 0) is never one.
 */
fun WeeklyMeeting.timeChangesIn(zone: TimeZone): List<Int> = TODO("timeChangesIn")
