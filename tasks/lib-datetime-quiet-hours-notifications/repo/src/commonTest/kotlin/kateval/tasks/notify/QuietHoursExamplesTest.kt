package kateval.tasks.notify

import kotlinx.datetime.LocalTime
import kotlinx.datetime.TimeZone
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.time.Instant

class QuietHoursExamplesTest {
    @Test
    fun theExample() {
        val ann = UserSettings("ann", TimeZone.of("Europe/London"), QuietHours(LocalTime(22, 0), LocalTime(7, 0)))
        val scheduler = QuietHoursScheduler(listOf(ann))
        val arrived = Instant.parse("2024-06-01T21:30:00Z")
        assertEquals(Instant.parse("2024-06-02T06:00:00Z"), scheduler.deliveryTime(Message("m1", "ann", arrived)))
        assertEquals(arrived, scheduler.deliveryTime(Message("m2", "ann", arrived, urgent = true)))
    }
}
