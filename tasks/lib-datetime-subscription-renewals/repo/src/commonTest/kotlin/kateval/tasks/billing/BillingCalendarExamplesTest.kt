package kateval.tasks.billing

import kotlinx.datetime.LocalDate
import kotlinx.datetime.TimeZone
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.time.Instant

class BillingCalendarExamplesTest {
    @Test
    fun theExample() {
        val plan = Subscription("s1", LocalDate(2024, 1, 31), BillingCycle.MONTHLY, TimeZone.of("Europe/London"))
        assertEquals(
            listOf(LocalDate(2024, 1, 31), LocalDate(2024, 2, 29), LocalDate(2024, 3, 31), LocalDate(2024, 4, 30)),
            (0..3).map { BillingCalendar.charge(plan, it).date },
        )
        assertEquals(Instant.parse("2024-03-31T00:00:00Z"), BillingCalendar.charge(plan, 2).dueAt)
        assertEquals(Instant.parse("2024-04-29T23:00:00Z"), BillingCalendar.charge(plan, 3).dueAt)
    }
}
