package kateval.tasks.billing

import kotlinx.datetime.DatePeriod
import kotlinx.datetime.LocalDate
import kotlinx.datetime.TimeZone
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.time.Instant

// Every expected instant below was computed with Python's zoneinfo (tzdata 2025b).
class BillingCalendarHiddenTest {
    private val london = TimeZone.of("Europe/London")
    private val saoPaulo = TimeZone.of("America/Sao_Paulo")

    private fun monthly(signup: LocalDate, zone: TimeZone = london, trial: DatePeriod = DatePeriod()) =
        Subscription("m", signup, BillingCycle.MONTHLY, zone, trial)

    private fun dates(plan: Subscription, numbers: IntRange) = numbers.map { BillingCalendar.charge(plan, it).date }

    private fun at(text: String) = Instant.parse(text)

    @Test
    fun monthEndAnchorComesBackAfterShortMonths() {
        // Counted from the anchor each time: after 29 February comes 31 March, not 29 March.
        assertEquals(
            listOf(LocalDate(2024, 1, 31), LocalDate(2024, 2, 29), LocalDate(2024, 3, 31), LocalDate(2024, 4, 30),
                LocalDate(2024, 5, 31), LocalDate(2024, 6, 30)),
            dates(monthly(LocalDate(2024, 1, 31)), 0..5),
        )
        assertEquals(listOf(0, 1, 2), (0..2).map { BillingCalendar.charge(monthly(LocalDate(2024, 1, 31)), it).number })
    }

    @Test
    fun monthlyAcrossTheYearEnd() {
        val plan = monthly(LocalDate(2023, 10, 30))
        assertEquals(LocalDate(2024, 1, 30), BillingCalendar.charge(plan, 3).date)
        assertEquals(LocalDate(2024, 2, 29), BillingCalendar.charge(plan, 4).date)
        assertEquals(LocalDate(2024, 3, 30), BillingCalendar.charge(plan, 5).date)
        assertEquals(LocalDate(2025, 1, 30), BillingCalendar.charge(plan, 15).date)
    }

    @Test
    fun yearlyPlanOnALeapDay() {
        val plan = Subscription("y", LocalDate(2024, 2, 29), BillingCycle.YEARLY, london)
        assertEquals(
            listOf(LocalDate(2024, 2, 29), LocalDate(2025, 2, 28), LocalDate(2026, 2, 28), LocalDate(2027, 2, 28),
                LocalDate(2028, 2, 29)),
            dates(plan, 0..4),
        )
    }

    @Test
    fun aTrialInDaysMovesTheAnchor() {
        assertEquals(listOf(LocalDate(2024, 2, 3), LocalDate(2024, 3, 3), LocalDate(2024, 4, 3)),
            dates(monthly(LocalDate(2024, 1, 20), trial = DatePeriod(days = 14)), 0..2))
        val yearly = Subscription("y", LocalDate(2023, 12, 20), BillingCycle.YEARLY, london, DatePeriod(days = 14))
        assertEquals(listOf(LocalDate(2024, 1, 3), LocalDate(2025, 1, 3), LocalDate(2026, 1, 3)), dates(yearly, 0..2))
    }

    @Test
    fun aTrialInMonthsIsClampedAndTheClampedDayIsTheAnchor() {
        // 31 January + 1 month = 29 February 2024, and the plan is anchored on the 29th from then on.
        assertEquals(listOf(LocalDate(2024, 2, 29), LocalDate(2024, 3, 29), LocalDate(2024, 4, 29)),
            dates(monthly(LocalDate(2024, 1, 31), trial = DatePeriod(months = 1)), 0..2))
        assertEquals(listOf(LocalDate(2025, 2, 28), LocalDate(2025, 3, 28)),
            dates(monthly(LocalDate(2024, 2, 29), trial = DatePeriod(years = 1)), 0..1))
    }

    @Test
    fun aTrialAddsMonthsBeforeDays() {
        // 30 January + 1 month = 29 February, + 3 days = 3 March (days first would give 2 March).
        assertEquals(listOf(LocalDate(2024, 3, 3), LocalDate(2024, 4, 3)),
            dates(monthly(LocalDate(2024, 1, 30), trial = DatePeriod(months = 1, days = 3)), 0..1))
    }

    @Test
    fun negativeNumbersAndTrialsAreRejected() {
        val plan = monthly(LocalDate(2024, 1, 31))
        assertFailsWith<IllegalArgumentException> { BillingCalendar.charge(plan, -1) }
        val backwards = monthly(LocalDate(2024, 1, 31), trial = DatePeriod(days = -3))
        assertFailsWith<IllegalArgumentException> { BillingCalendar.charge(backwards, 0) }
        assertFailsWith<IllegalArgumentException> { BillingCalendar.nextCharge(backwards, at("2024-01-01T00:00:00Z")) }
        assertFailsWith<IllegalArgumentException> { BillingCalendar.daysUntilRenewal(backwards, at("2024-01-01T00:00:00Z")) }
        assertFailsWith<IllegalArgumentException> {
            BillingCalendar.chargesDue(backwards, at("2024-01-01T00:00:00Z"), at("2025-01-01T00:00:00Z"))
        }
        val monthsBack = monthly(LocalDate(2024, 1, 31), trial = DatePeriod(months = -1))
        assertFailsWith<IllegalArgumentException> { BillingCalendar.charge(monthsBack, 1) }
        val yearsBack = monthly(LocalDate(2024, 1, 31), trial = DatePeriod(years = -1, months = 0))
        assertFailsWith<IllegalArgumentException> { BillingCalendar.charge(yearsBack, 1) }
    }

    @Test
    fun dueAtLocalMidnightInTheCustomersZone() {
        val plan = monthly(LocalDate(2024, 1, 31))
        assertEquals(at("2024-01-31T00:00:00Z"), BillingCalendar.charge(plan, 0).dueAt)
        assertEquals(at("2024-05-30T23:00:00Z"), BillingCalendar.charge(plan, 4).dueAt) // BST
        assertEquals(at("2024-10-31T00:00:00Z"), BillingCalendar.charge(plan, 9).dueAt) // GMT again
        // Tokyo is 9 hours ahead: midnight there is the day before in UTC.
        val tokyo = monthly(LocalDate(2024, 2, 29), zone = TimeZone.of("Asia/Tokyo"))
        assertEquals(at("2024-02-28T15:00:00Z"), BillingCalendar.charge(tokyo, 0).dueAt)
        assertEquals(at("2024-03-28T15:00:00Z"), BillingCalendar.charge(tokyo, 1).dueAt)
    }

    @Test
    fun aSkippedMidnightIsDueAtTheFirstInstantOfTheDay() {
        // Sao Paulo went from 00:00 (-03) straight to 01:00 (-02) on 4 November 2018.
        val plan = monthly(LocalDate(2018, 7, 4), zone = saoPaulo)
        assertEquals(at("2018-10-04T03:00:00Z"), BillingCalendar.charge(plan, 3).dueAt)
        assertEquals(at("2018-11-04T03:00:00Z"), BillingCalendar.charge(plan, 4).dueAt)
        assertEquals(at("2018-12-04T02:00:00Z"), BillingCalendar.charge(plan, 5).dueAt)
        // Santiago: 8 September 2019 began at 01:00 (-03); Havana: 10 March 2019 began at 01:00 (-04).
        val santiago = monthly(LocalDate(2019, 8, 8), zone = TimeZone.of("America/Santiago"))
        assertEquals(at("2019-09-08T04:00:00Z"), BillingCalendar.charge(santiago, 1).dueAt)
        val havana = Subscription("h", LocalDate(2018, 3, 10), BillingCycle.YEARLY, TimeZone.of("America/Havana"))
        assertEquals(at("2019-03-10T05:00:00Z"), BillingCalendar.charge(havana, 1).dueAt)
    }

    @Test
    fun aRepeatedMidnightIsDueAtItsFirstOccurrence() {
        // Havana's clocks went from 01:00 (-04) back to 00:00 (-05) on 3 November 2019: midnight came twice.
        val havana = monthly(LocalDate(2019, 10, 3), zone = TimeZone.of("America/Havana"))
        assertEquals(at("2019-11-03T04:00:00Z"), BillingCalendar.charge(havana, 1).dueAt)
    }

    @Test
    fun nextChargeIncludesOneDueExactlyNow() {
        val plan = monthly(LocalDate(2024, 1, 31))
        assertEquals(0, BillingCalendar.nextCharge(plan, at("2023-12-01T00:00:00Z")).number) // before signup
        assertEquals(0, BillingCalendar.nextCharge(plan, at("2024-01-31T00:00:00Z")).number)
        assertEquals(2, BillingCalendar.nextCharge(plan, at("2024-03-31T00:00:00Z")).number)
        assertEquals(
            Charge(3, LocalDate(2024, 4, 30), at("2024-04-29T23:00:00Z")),
            BillingCalendar.nextCharge(plan, at("2024-03-31T00:00:00.000000001Z")),
        )
        assertEquals(3, BillingCalendar.nextCharge(plan, at("2024-04-29T22:59:59Z")).number)
    }

    @Test
    fun daysUntilRenewalCountsLocalDates() {
        val plan = monthly(LocalDate(2024, 1, 31))
        assertEquals(0, BillingCalendar.daysUntilRenewal(plan, at("2024-03-31T00:00:00Z")))
        assertEquals(30, BillingCalendar.daysUntilRenewal(plan, at("2024-03-31T00:00:01Z")))
        assertEquals(1, BillingCalendar.daysUntilRenewal(plan, at("2024-04-29T22:59:59Z")))
        assertEquals(61, BillingCalendar.daysUntilRenewal(plan, at("2023-12-01T00:00:00Z")))
        // Within a 14-day trial in Tokyo: 09:00 on 20 January local, first charge on 3 February.
        val trial = monthly(LocalDate(2024, 1, 20), zone = TimeZone.of("Asia/Tokyo"), trial = DatePeriod(days = 14))
        assertEquals(14, BillingCalendar.daysUntilRenewal(trial, at("2024-01-20T00:00:00Z")))
        assertEquals(1, BillingCalendar.daysUntilRenewal(trial, at("2024-02-02T14:59:59Z")))
        assertEquals(0, BillingCalendar.daysUntilRenewal(trial, at("2024-02-02T15:00:00Z")))
    }

    @Test
    fun daysUntilRenewalAcrossClockChanges() {
        // 23:30 GMT on 30 March: the 1 April charge (midnight BST) is 2 dates away, only 23.5 hours.
        assertEquals(2, BillingCalendar.daysUntilRenewal(monthly(LocalDate(2024, 1, 1)), at("2024-03-30T23:30:00Z")))
        // 00:30 BST on 27 October: the 28 October charge is 1 date away, 24.5 hours.
        assertEquals(1, BillingCalendar.daysUntilRenewal(monthly(LocalDate(2024, 9, 28)), at("2024-10-26T23:30:00Z")))
        // 23:30 on 2 November in Sao Paulo (already 3 November in UTC): 2 days to the 4 November charge.
        assertEquals(2, BillingCalendar.daysUntilRenewal(monthly(LocalDate(2018, 7, 4), zone = saoPaulo), at("2018-11-03T02:30:00Z")))
    }

    @Test
    fun chargesDueInAHalfOpenRange() {
        val plan = monthly(LocalDate(2024, 1, 31))
        // from is charge 1's due instant (included), until is charge 3's (excluded).
        assertEquals(
            listOf(Charge(1, LocalDate(2024, 2, 29), at("2024-02-29T00:00:00Z")),
                Charge(2, LocalDate(2024, 3, 31), at("2024-03-31T00:00:00Z"))),
            BillingCalendar.chargesDue(plan, at("2024-02-29T00:00:00Z"), at("2024-04-29T23:00:00Z")),
        )
        val year = BillingCalendar.chargesDue(plan, at("2024-01-01T00:00:00Z"), at("2025-01-01T00:00:00Z"))
        assertEquals((0..11).toList(), year.map { it.number })
        assertEquals(Charge(11, LocalDate(2024, 12, 31), at("2024-12-31T00:00:00Z")), year.last())
        assertEquals(emptyList<Charge>(), BillingCalendar.chargesDue(plan, at("2023-01-01T00:00:00Z"), at("2024-01-31T00:00:00Z")))
        assertEquals(emptyList<Charge>(), BillingCalendar.chargesDue(plan, at("2024-02-29T00:00:00Z"), at("2024-02-29T00:00:00Z")))
        assertEquals(emptyList<Charge>(), BillingCalendar.chargesDue(plan, at("2024-06-01T00:00:00Z"), at("2024-02-01T00:00:00Z")))
    }
}
