package kateval.tasks.meetings

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.time.Instant
import kotlinx.datetime.DayOfWeek
import kotlinx.datetime.LocalDate
import kotlinx.datetime.LocalDateTime
import kotlinx.datetime.LocalTime
import kotlinx.datetime.TimeZone

// Expected instants and local times were computed with Python's zoneinfo (2026 rules).
class MeetingScheduleHiddenTest {
    private val berlin = TimeZone.of("Europe/Berlin")
    private val newYork = TimeZone.of("America/New_York")
    private val kolkata = TimeZone.of("Asia/Kolkata")
    private val sydney = TimeZone.of("Australia/Sydney")

    private fun instants(vararg texts: String) = texts.map(Instant::parse)
    private fun locals(vararg texts: String) = texts.map(LocalDateTime::parse)

    private fun meeting(zone: TimeZone, day: DayOfWeek, hour: Int, minute: Int, start: LocalDate, count: Int) =
        WeeklyMeeting("Sync", zone, day, LocalTime(hour, minute), start, count)

    // Monday 16:00 in Berlin for six weeks: the US changes on 8 March, the EU on 29 March.
    private val spring = meeting(berlin, DayOfWeek.MONDAY, 16, 0, LocalDate(2026, 3, 2), 6)

    @Test
    fun firstDateIsTheFirstMatchingDayOnOrAfterStart() {
        val monday = { start: LocalDate -> meeting(berlin, DayOfWeek.MONDAY, 9, 0, start, 2).dates() }
        val march9 = listOf(LocalDate(2026, 3, 9), LocalDate(2026, 3, 16))
        assertEquals(march9, monday(LocalDate(2026, 3, 4)), "from a Wednesday")
        assertEquals(march9, monday(LocalDate(2026, 3, 8)), "from the Sunday before")
        assertEquals(march9, monday(LocalDate(2026, 3, 9)), "from the Monday itself")
        assertEquals(listOf(LocalDate(2026, 3, 15), LocalDate(2026, 3, 22)),
            meeting(berlin, DayOfWeek.SUNDAY, 9, 0, LocalDate(2026, 3, 9), 2).dates(), "Sunday from a Monday")
    }

    @Test
    fun datesCrossAMonthAndAYear() {
        assertEquals(listOf(LocalDate(2026, 12, 24), LocalDate(2026, 12, 31), LocalDate(2027, 1, 7)),
            meeting(berlin, DayOfWeek.THURSDAY, 10, 0, LocalDate(2026, 12, 22), 3).dates())
    }

    @Test
    fun occurrencesKeepTheOrganizersWallClock() {
        assertEquals(instants("2026-03-02T15:00:00Z", "2026-03-09T15:00:00Z", "2026-03-16T15:00:00Z",
            "2026-03-23T15:00:00Z", "2026-03-30T14:00:00Z", "2026-04-06T14:00:00Z"), spring.occurrences())
        assertEquals(List(6) { LocalTime(16, 0) }, spring.localTimesIn(berlin).map { it.time })
        assertEquals(emptyList(), spring.timeChangesIn(berlin))
    }

    @Test
    fun newYorkSeesTheMeetingMoveTwiceInSpring() {
        assertEquals(locals("2026-03-02T10:00", "2026-03-09T11:00", "2026-03-16T11:00",
            "2026-03-23T11:00", "2026-03-30T10:00", "2026-04-06T10:00"), spring.localTimesIn(newYork))
        assertEquals(listOf(1, 4), spring.timeChangesIn(newYork))
    }

    @Test
    fun kolkataNeverChangesClocksButSeesBerlinChange() {
        assertEquals(locals("2026-03-02T20:30", "2026-03-09T20:30", "2026-03-16T20:30",
            "2026-03-23T20:30", "2026-03-30T19:30", "2026-04-06T19:30"), spring.localTimesIn(kolkata))
        assertEquals(listOf(4), spring.timeChangesIn(kolkata))
    }

    @Test
    fun sydneyIsOnTheNextDayAndFallsBackInApril() {
        // Berlin springs forward on 29 March, Sydney falls back on 5 April.
        assertEquals(locals("2026-03-03T02:00", "2026-03-10T02:00", "2026-03-17T02:00",
            "2026-03-24T02:00", "2026-03-31T01:00", "2026-04-07T00:00"), spring.localTimesIn(sydney))
        assertEquals(listOf(4, 5), spring.timeChangesIn(sydney))
    }

    @Test
    fun autumnWeekBetweenTheEuropeanAndTheUsChange() {
        // Thursday 17:30 Berlin: Berlin falls back on 25 October, New York only on 1 November.
        val autumn = meeting(berlin, DayOfWeek.THURSDAY, 17, 30, LocalDate(2026, 10, 15), 4)
        assertEquals(instants("2026-10-15T15:30:00Z", "2026-10-22T15:30:00Z", "2026-10-29T16:30:00Z",
            "2026-11-05T16:30:00Z"), autumn.occurrences())
        assertEquals(locals("2026-10-15T11:30", "2026-10-22T11:30", "2026-10-29T12:30", "2026-11-05T11:30"),
            autumn.localTimesIn(newYork))
        assertEquals(listOf(2, 3), autumn.timeChangesIn(newYork))
        assertEquals(listOf(2), autumn.timeChangesIn(kolkata))
    }

    @Test
    fun attendeeDateMovesPastMidnight() {
        // Friday 20:00 Berlin is 23:30 Friday in Kolkata in summer time, 00:30 Saturday after it.
        val friday = meeting(berlin, DayOfWeek.FRIDAY, 20, 0, LocalDate(2026, 10, 16), 3)
        assertEquals(locals("2026-10-16T23:30", "2026-10-23T23:30", "2026-10-31T00:30"), friday.localTimesIn(kolkata))
        assertEquals(listOf(2), friday.timeChangesIn(kolkata))
    }

    @Test
    fun timeInTheSpringGapMovesForwardByTheGap() {
        // Sunday 02:30 in Berlin does not exist on 29 March 2026 (02:00 -> 03:00): it becomes 03:30.
        val handover = meeting(berlin, DayOfWeek.SUNDAY, 2, 30, LocalDate(2026, 3, 22), 3)
        assertEquals(instants("2026-03-22T01:30:00Z", "2026-03-29T01:30:00Z", "2026-04-05T00:30:00Z"),
            handover.occurrences())
        assertEquals(locals("2026-03-22T02:30", "2026-03-29T03:30", "2026-04-05T02:30"), handover.localTimesIn(berlin))
        assertEquals(listOf(1, 2), handover.timeChangesIn(berlin))
        assertEquals(locals("2026-03-21T21:30", "2026-03-28T21:30", "2026-04-04T20:30"), handover.localTimesIn(newYork))
    }

    @Test
    fun timeInTheNewYorkGapMovesForwardToo() {
        // Sunday 02:15 in New York does not exist on 8 March 2026: it becomes 03:15 EDT.
        val backup = meeting(newYork, DayOfWeek.SUNDAY, 2, 15, LocalDate(2026, 3, 1), 3)
        assertEquals(instants("2026-03-01T07:15:00Z", "2026-03-08T07:15:00Z", "2026-03-15T06:15:00Z"),
            backup.occurrences())
        assertEquals(locals("2026-03-01T02:15", "2026-03-08T03:15", "2026-03-15T02:15"), backup.localTimesIn(newYork))
    }

    @Test
    fun timeInTheAutumnOverlapTakesTheEarlierOffset() {
        // Sunday 02:30 happens twice in Berlin on 25 October 2026: the first one, at +02:00.
        val handover = meeting(berlin, DayOfWeek.SUNDAY, 2, 30, LocalDate(2026, 10, 18), 3)
        assertEquals(instants("2026-10-18T00:30:00Z", "2026-10-25T00:30:00Z", "2026-11-01T01:30:00Z"),
            handover.occurrences())
        assertEquals(emptyList(), handover.timeChangesIn(berlin))
        // New York's 1 November change lands on the same night, so the third one moves there too.
        assertEquals(locals("2026-10-17T20:30", "2026-10-24T20:30", "2026-10-31T21:30"), handover.localTimesIn(newYork))
        // In New York, Sunday 01:30 on 1 November happens twice: the first one, EDT (-04:00).
        val early = meeting(newYork, DayOfWeek.SUNDAY, 1, 30, LocalDate(2026, 10, 25), 3)
        assertEquals(instants("2026-10-25T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-08T06:30:00Z"), early.occurrences())
    }

    @Test
    fun nextAfterIsStrictlyLater() {
        val all = spring.occurrences()
        assertEquals(all[0], spring.nextAfter(Instant.parse("2026-01-01T00:00:00Z")), "before the series")
        assertEquals(all[1], spring.nextAfter(all[0]), "at an occurrence: the one after it")
        assertEquals(all[4], spring.nextAfter(Instant.parse("2026-03-30T13:59:59Z")), "a second before")
        assertEquals(all[5], spring.nextAfter(Instant.parse("2026-03-30T14:00:01Z")))
        assertNull(spring.nextAfter(all[5]), "at the last one")
        assertNull(spring.nextAfter(Instant.parse("2027-01-01T00:00:00Z")), "after the series")
    }

    @Test
    fun emptyAndSingleSeries() {
        val none = meeting(berlin, DayOfWeek.MONDAY, 9, 0, LocalDate(2026, 3, 2), 0)
        assertEquals(emptyList(), none.dates())
        assertEquals(emptyList(), none.occurrences())
        assertEquals(emptyList(), none.localTimesIn(newYork))
        assertEquals(emptyList(), none.timeChangesIn(newYork))
        assertNull(none.nextAfter(Instant.parse("2026-01-01T00:00:00Z")))
        val once = meeting(berlin, DayOfWeek.MONDAY, 9, 0, LocalDate(2026, 3, 2), 1)
        assertEquals(locals("2026-03-02T03:00"), once.localTimesIn(newYork))
        assertEquals(emptyList(), once.timeChangesIn(newYork))
    }

    @Test
    fun negativeCountIsRejected() {
        val broken = meeting(berlin, DayOfWeek.MONDAY, 9, 0, LocalDate(2026, 3, 2), -1)
        assertFailsWith<IllegalArgumentException> { broken.dates() }
        assertFailsWith<IllegalArgumentException> { broken.occurrences() }
        assertFailsWith<IllegalArgumentException> { broken.localTimesIn(newYork) }
        assertFailsWith<IllegalArgumentException> { broken.nextAfter(Instant.parse("2026-01-01T00:00:00Z")) }
        assertFailsWith<IllegalArgumentException> { broken.timeChangesIn(newYork) }
    }
}
