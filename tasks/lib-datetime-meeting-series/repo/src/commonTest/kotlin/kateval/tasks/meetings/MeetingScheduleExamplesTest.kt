package kateval.tasks.meetings

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.time.Instant
import kotlinx.datetime.DayOfWeek
import kotlinx.datetime.LocalDate
import kotlinx.datetime.LocalDateTime
import kotlinx.datetime.LocalTime
import kotlinx.datetime.TimeZone

class MeetingScheduleExamplesTest {
    private val standup = WeeklyMeeting("Planning", TimeZone.of("Europe/Berlin"), DayOfWeek.MONDAY,
        LocalTime(16, 0), LocalDate(2026, 3, 2), count = 3)

    @Test
    fun theExample() {
        assertEquals(listOf("2026-03-02T15:00:00Z", "2026-03-09T15:00:00Z", "2026-03-16T15:00:00Z").map(Instant::parse),
            standup.occurrences())
        val newYork = TimeZone.of("America/New_York")
        assertEquals(listOf("2026-03-02T10:00", "2026-03-09T11:00", "2026-03-16T11:00").map(LocalDateTime::parse),
            standup.localTimesIn(newYork))
        assertEquals(listOf(1), standup.timeChangesIn(newYork))
    }
}
