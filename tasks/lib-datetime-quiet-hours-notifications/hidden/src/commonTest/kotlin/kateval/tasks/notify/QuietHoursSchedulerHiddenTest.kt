package kateval.tasks.notify

import kotlinx.datetime.LocalDate
import kotlinx.datetime.LocalTime
import kotlinx.datetime.TimeZone
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.hours
import kotlin.time.Instant

// Every expected instant below was computed with Python's zoneinfo (tzdata 2025b).
class QuietHoursSchedulerHiddenTest {
    private fun quiet(start: LocalTime, end: LocalTime) = QuietHours(start, end)

    // London: clocks back 27 Oct 2024 (02:00 BST -> 01:00 GMT), forward 31 Mar 2024 (01:00 GMT -> 02:00 BST).
    private val ann = UserSettings("ann", TimeZone.of("Europe/London"), quiet(LocalTime(22, 0), LocalTime(7, 0)))
    // New York: clocks back 3 Nov 2024 (02:00 EDT -> 01:00 EST).
    private val ben = UserSettings("ben", TimeZone.of("America/New_York"), quiet(LocalTime(23, 0), LocalTime(6, 30)))
    // Kolkata (+05:30, no DST): a daytime focus window and a night one.
    private val kai = UserSettings("kai", TimeZone.of("Asia/Kolkata"), quiet(LocalTime(13, 0), LocalTime(15, 0)))
    private val ivy = UserSettings("ivy", TimeZone.of("Asia/Kolkata"), quiet(LocalTime(23, 0), LocalTime(6, 30)))
    // Sydney: clocks back 7 Apr 2024 (03:00 AEDT -> 02:00 AEST).
    private val syd = UserSettings("syd", TimeZone.of("Australia/Sydney"), quiet(LocalTime(22, 0), LocalTime(7, 0)))
    private val noQuiet = UserSettings("nod", TimeZone.of("Europe/London"), null)
    private val sameStartEnd = UserSettings("eve", TimeZone.of("Europe/London"), quiet(LocalTime(8, 0), LocalTime(8, 0)))

    private val scheduler = QuietHoursScheduler(listOf(ann, ben, kai, ivy, syd, noQuiet, sameStartEnd))

    private fun at(text: String) = Instant.parse(text)

    private fun deliver(user: String, arrived: String, urgent: Boolean = false) =
        scheduler.deliveryTime(Message("m", user, at(arrived), urgent))

    @Test
    fun quietBoundariesAcrossMidnight() {
        assertFalse(scheduler.isQuiet("ann", at("2024-06-01T20:59:59Z"))) // 21:59:59 BST
        assertTrue(scheduler.isQuiet("ann", at("2024-06-01T21:00:00Z"))) // 22:00 BST: start included
        assertTrue(scheduler.isQuiet("ann", at("2024-06-01T23:00:00Z"))) // midnight BST
        assertTrue(scheduler.isQuiet("ann", at("2024-06-02T05:59:59Z"))) // 06:59:59 BST
        assertFalse(scheduler.isQuiet("ann", at("2024-06-02T06:00:00Z"))) // 07:00 BST: end excluded
        assertFalse(scheduler.isQuiet("ann", at("2024-06-02T12:00:00Z")))
    }

    @Test
    fun quietBoundariesWithinOneDay() {
        assertFalse(scheduler.isQuiet("kai", at("2024-06-03T07:29:59Z"))) // 12:59:59 IST
        assertTrue(scheduler.isQuiet("kai", at("2024-06-03T07:30:00Z"))) // 13:00
        assertTrue(scheduler.isQuiet("kai", at("2024-06-03T09:29:59Z"))) // 14:59:59
        assertFalse(scheduler.isQuiet("kai", at("2024-06-03T09:30:00Z"))) // 15:00
        assertFalse(scheduler.isQuiet("kai", at("2024-06-03T18:30:00Z"))) // midnight IST
    }

    @Test
    fun usersWithoutQuietHoursAreNeverQuiet() {
        for (hour in listOf("00", "07", "08", "12", "23")) {
            val instant = at("2024-06-03T$hour:00:00Z")
            assertFalse(scheduler.isQuiet("nod", instant))
            assertFalse(scheduler.isQuiet("eve", instant)) // start == end: no quiet hours
            assertEquals(instant, scheduler.deliveryTime(Message("m", "eve", instant)))
            assertEquals(instant, scheduler.deliveryTime(Message("m", "nod", instant)))
        }
        assertNull(scheduler.quietPeriod("nod", LocalDate(2024, 6, 3)))
        assertNull(scheduler.quietPeriod("eve", LocalDate(2024, 6, 3)))
    }

    @Test
    fun eachUserIsReadInTheirOwnZone() {
        // The same instant: 22:30 in London, 17:30 in New York, 03:00 the next day in Kolkata.
        assertEquals(at("2024-06-02T06:00:00Z"), deliver("ann", "2024-06-01T21:30:00Z"))
        assertEquals(at("2024-06-01T21:30:00Z"), deliver("ben", "2024-06-01T21:30:00Z"))
        assertEquals(at("2024-06-02T01:00:00Z"), deliver("ivy", "2024-06-01T21:30:00Z")) // 06:30 IST
    }

    @Test
    fun deferredToTheEndOfTheQuietPeriodItArrivedIn() {
        // Before midnight the period ends the next day; after midnight, the same day.
        assertEquals(at("2024-02-29T01:00:00Z"), deliver("ivy", "2024-02-28T18:00:00Z")) // 23:30 on 28 Feb IST
        assertEquals(at("2025-01-01T07:00:00Z"), deliver("ann", "2024-12-31T23:30:00Z")) // over the year end
        assertEquals(at("2024-06-02T06:00:00Z"), deliver("ann", "2024-06-01T23:00:00Z")) // 00:00 BST
        assertEquals(at("2024-06-02T06:00:00Z"), deliver("ann", "2024-06-02T05:59:59Z"))
        // A daytime window ends the same day.
        assertEquals(at("2024-06-03T09:30:00Z"), deliver("kai", "2024-06-03T07:30:00Z"))
        assertEquals(at("2024-06-03T09:30:00Z"), deliver("kai", "2024-06-03T09:29:59Z"))
        // Not quiet: shown at once.
        assertEquals(at("2024-06-03T09:30:00Z"), deliver("kai", "2024-06-03T09:30:00Z"))
        assertEquals(at("2024-06-03T07:29:59Z"), deliver("kai", "2024-06-03T07:29:59Z"))
    }

    @Test
    fun theNightTheClocksGoBackInLondon() {
        // 22:00 BST on 26 Oct to 07:00 GMT on 27 Oct is 10 hours, not 9.
        assertEquals(QuietPeriod(at("2024-10-26T21:00:00Z"), at("2024-10-27T07:00:00Z")), scheduler.quietPeriod("ann", LocalDate(2024, 10, 26)))
        assertEquals(at("2024-10-27T07:00:00Z"), deliver("ann", "2024-10-26T21:00:00Z")) // 22:00 BST
        assertEquals(at("2024-10-26T20:59:59Z"), deliver("ann", "2024-10-26T20:59:59Z"))
        // 01:30 happens twice that night: quiet both times.
        assertTrue(scheduler.isQuiet("ann", at("2024-10-27T00:30:00Z"))) // 01:30 BST
        assertTrue(scheduler.isQuiet("ann", at("2024-10-27T01:30:00Z"))) // 01:30 GMT
        assertEquals(at("2024-10-27T07:00:00Z"), deliver("ann", "2024-10-27T00:30:00Z"))
        assertEquals(at("2024-10-27T07:00:00Z"), deliver("ann", "2024-10-27T01:30:00Z"))
        assertEquals(at("2024-10-27T07:00:00Z"), deliver("ann", "2024-10-27T06:59:59Z"))
        assertFalse(scheduler.isQuiet("ann", at("2024-10-27T07:00:00Z")))
    }

    @Test
    fun theNightTheClocksGoForwardInLondon() {
        // 22:00 GMT on 30 Mar to 07:00 BST on 31 Mar is 8 hours.
        val night = scheduler.quietPeriod("ann", LocalDate(2024, 3, 30))!!
        assertEquals(QuietPeriod(at("2024-03-30T22:00:00Z"), at("2024-03-31T06:00:00Z")), night)
        assertEquals(8.hours, night.end - night.start)
        assertEquals(at("2024-03-31T06:00:00Z"), deliver("ann", "2024-03-30T22:00:00Z"))
        assertEquals(at("2024-03-31T06:00:00Z"), deliver("ann", "2024-03-31T01:30:00Z")) // 02:30 BST
        assertEquals(at("2024-03-31T06:00:00Z"), deliver("ann", "2024-03-31T05:59:00Z"))
        assertEquals(at("2024-03-31T06:00:00Z"), deliver("ann", "2024-03-31T06:00:00Z")) // 07:00 BST: not quiet
        assertEquals(at("2024-03-30T21:59:00Z"), deliver("ann", "2024-03-30T21:59:00Z"))
    }

    @Test
    fun otherZonesAndOtherTransitions() {
        // New York, 2-3 Nov 2024: 23:00 EDT to 06:30 EST, 8.5 hours; 01:30 is quiet twice.
        assertEquals(QuietPeriod(at("2024-11-03T03:00:00Z"), at("2024-11-03T11:30:00Z")), scheduler.quietPeriod("ben", LocalDate(2024, 11, 2)))
        assertEquals(at("2024-11-03T11:30:00Z"), deliver("ben", "2024-11-03T05:30:00Z")) // 01:30 EDT
        assertEquals(at("2024-11-03T11:30:00Z"), deliver("ben", "2024-11-03T06:30:00Z")) // 01:30 EST
        assertEquals(at("2024-11-03T11:30:00Z"), deliver("ben", "2024-11-03T03:00:00Z")) // 23:00 EDT
        // New York, 9-10 Mar 2024 (clocks forward): 6.5 hours.
        assertEquals(QuietPeriod(at("2024-03-10T04:00:00Z"), at("2024-03-10T10:30:00Z")), scheduler.quietPeriod("ben", LocalDate(2024, 3, 9)))
        // Sydney, 6-7 Apr 2024 (clocks back): 22:00 AEDT to 07:00 AEST.
        assertEquals(QuietPeriod(at("2024-04-06T11:00:00Z"), at("2024-04-06T21:00:00Z")), scheduler.quietPeriod("syd", LocalDate(2024, 4, 6)))
        assertEquals(at("2024-04-06T21:00:00Z"), deliver("syd", "2024-04-06T16:30:00Z")) // 02:30 AEST
        assertEquals(at("2024-04-06T21:00:00Z"), deliver("syd", "2024-04-06T21:00:00Z"))
        // A window within one day ends on its own date.
        assertEquals(QuietPeriod(at("2024-06-03T07:30:00Z"), at("2024-06-03T09:30:00Z")), scheduler.quietPeriod("kai", LocalDate(2024, 6, 3)))
        assertEquals(QuietPeriod(at("2024-06-01T21:00:00Z"), at("2024-06-02T06:00:00Z")), scheduler.quietPeriod("ann", LocalDate(2024, 6, 1)))
    }

    @Test
    fun urgentMessagesAreNeverHeldBack() {
        assertEquals(at("2024-10-27T01:30:00Z"), deliver("ann", "2024-10-27T01:30:00Z", urgent = true))
        assertEquals(at("2024-06-03T08:00:00Z"), deliver("kai", "2024-06-03T08:00:00Z", urgent = true))
        assertEquals(at("2024-06-03T12:00:00Z"), deliver("kai", "2024-06-03T12:00:00Z", urgent = true))
    }

    @Test
    fun scheduleSortsByDeliveryThenArrival() {
        fun msg(id: String, user: String, arrived: String, urgent: Boolean = false) = Message(id, user, at(arrived), urgent)
        val a1 = msg("a1", "ann", "2024-10-26T20:30:00Z") // 21:30 BST: at once
        val a2 = msg("a2", "ann", "2024-10-26T21:15:00Z") // held until 07:00Z
        val a3 = msg("a3", "ann", "2024-10-26T23:00:00Z", urgent = true)
        val a4 = msg("a4", "ann", "2024-10-27T01:30:00Z") // held
        val a5 = msg("a5", "ann", "2024-10-27T07:00:00Z") // quiet hours just ended: at once, 07:00Z
        val a6 = msg("a6", "ann", "2024-10-27T06:59:00Z") // held
        val a7 = msg("a7", "ann", "2024-10-27T01:30:00Z") // same arrival as a4, listed before it
        val b0 = msg("b0", "ben", "2024-10-26T22:00:00Z") // 18:00 EDT: at once
        val b1 = msg("b1", "ben", "2024-10-27T03:30:00Z") // 23:30 EDT: held until 06:30 EDT = 10:30Z
        val b2 = msg("b2", "ben", "2024-10-27T06:45:00Z") // 02:45 EDT: held until 10:30Z
        val deliveries = scheduler.schedule(listOf(b2, a5, a7, a4, a1, b1, a6, a2, a3, b0))
        assertEquals(listOf("a1", "b0", "a3", "a2", "a7", "a4", "a6", "a5", "b1", "b2"), deliveries.map { it.message.id })
        assertEquals(
            listOf("2024-10-26T20:30:00Z", "2024-10-26T22:00:00Z", "2024-10-26T23:00:00Z", "2024-10-27T07:00:00Z",
                "2024-10-27T07:00:00Z", "2024-10-27T07:00:00Z", "2024-10-27T07:00:00Z", "2024-10-27T07:00:00Z",
                "2024-10-27T10:30:00Z", "2024-10-27T10:30:00Z").map { at(it) },
            deliveries.map { it.deliverAt },
        )
        assertEquals(Delivery(a7, at("2024-10-27T07:00:00Z")), deliveries[4])
        assertEquals(emptyList<Delivery>(), scheduler.schedule(emptyList()))
    }

    @Test
    fun unknownUsersAreRejected() {
        val stranger = Message("x", "zed", at("2024-06-01T12:00:00Z"))
        assertFailsWith<IllegalArgumentException> { scheduler.isQuiet("zed", at("2024-06-01T12:00:00Z")) }
        assertFailsWith<IllegalArgumentException> { scheduler.deliveryTime(stranger) }
        assertFailsWith<IllegalArgumentException> { scheduler.deliveryTime(stranger.copy(urgent = true)) }
        assertFailsWith<IllegalArgumentException> { scheduler.quietPeriod("zed", LocalDate(2024, 6, 1)) }
        assertFailsWith<IllegalArgumentException> {
            scheduler.schedule(listOf(Message("ok", "ann", at("2024-06-01T12:00:00Z")), stranger))
        }
    }
}
