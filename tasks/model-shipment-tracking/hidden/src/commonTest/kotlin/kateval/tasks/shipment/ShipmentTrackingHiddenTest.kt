package kateval.tasks.shipment

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotEquals

class ShipmentTrackingHiddenTest {
    private val code = TrackingCode.parse("AB1234567895")

    @Test
    fun parseNormalizesSpacesHyphensAndCase() {
        val a = TrackingCode.parse(" ab 12345-67895 ")
        val b = TrackingCode.parse("AB1234567895")
        val c = TrackingCode.parse("a-b-1-2-3-4-5-6-7-8-9-5")
        assertEquals("AB1234567895", a.value)
        assertEquals(b, a)
        assertEquals(b.hashCode(), a.hashCode())
        assertEquals(b, c)
        assertEquals("ZZ0000000000", TrackingCode.parse("zz0000000000").value)
        assertEquals("XY9876543215", TrackingCode.parse("XY-98765-43215").value)
        assertNotEquals(TrackingCode.parse("XY9876543215"), b)
    }

    @Test
    fun carrierAndFormatted() {
        val c = TrackingCode.parse("xy 9876543215")
        assertEquals("XY", c.carrier)
        assertEquals("XY-98765-43215", c.formatted())
        assertEquals("ZZ-00000-00000", TrackingCode.parse("ZZ0000000000").formatted())
    }

    @Test
    fun checkDigitWeightsStartWithThree() {
        // 1*3 = 3, so the check digit is 7; with the weights swapped it would be 9
        assertEquals("CD1000000007", TrackingCode.parse("CD1000000007").value)
        assertFailsWith<IllegalArgumentException> { TrackingCode.parse("CD1000000009") }
        // 0*3 + 1*1 = 1, check digit 9
        assertEquals("CD0100000009", TrackingCode.parse("CD0100000009").value)
        assertFailsWith<IllegalArgumentException> { TrackingCode.parse("CD0100000007") }
    }

    @Test
    fun parseRejectsInvalidCodes() {
        val bad = listOf(
            "", "AB123456789", "AB12345678955", "AB1234567894", "A11234567895", "1B1234567895",
            "AB12345678X5", "ÄB1234567895", "AB١234567895", "AB_1234567895", "AB1234567895\t",
        )
        for (raw in bad) {
            assertFailsWith<IllegalArgumentException>("expected failure for '$raw'") { TrackingCode.parse(raw) }
        }
    }

    @Test
    fun statusOfNewShipmentIsAwaitingPickup() {
        val s = Shipment(code)
        assertEquals(ShipmentStatus.AwaitingPickup, s.status)
        assertEquals("Awaiting pickup", s.status.headline())
    }

    @Test
    fun statusFollowsLastEventAndCountsAttempts() {
        var s = Shipment(code).record(TrackingEvent.PickedUp(10, "Leeds"))
        assertEquals(ShipmentStatus.InTransit("Leeds"), s.status)
        s = s.record(TrackingEvent.ArrivedAtHub(20, "Hub North"))
        assertEquals(ShipmentStatus.InTransit("Hub North"), s.status)
        s = s.record(TrackingEvent.DeliveryAttempted(30, "No one home"))
        assertEquals(ShipmentStatus.OutForRetry(1, "No one home"), s.status)
        s = s.record(TrackingEvent.ArrivedAtHub(40, "Hub South"))
        assertEquals(ShipmentStatus.InTransit("Hub South"), s.status)
        s = s.record(TrackingEvent.DeliveryAttempted(50, "Gate locked"))
        assertEquals(ShipmentStatus.OutForRetry(2, "Gate locked"), s.status)
        assertEquals("Delivery attempt 2 failed: Gate locked", s.status.headline())
        s = s.record(TrackingEvent.Returned(60))
        assertEquals(ShipmentStatus.ReturnedToSender(60), s.status)
        assertEquals("Returned to sender", s.status.headline())
        assertEquals(6, s.events.size)
        assertEquals(code, s.code)
    }

    @Test
    fun recordIsImmutable() {
        val s0 = Shipment(code)
        val s1 = s0.record(TrackingEvent.PickedUp(10, "Leeds"))
        assertEquals(emptyList(), s0.events)
        assertEquals(listOf<TrackingEvent>(TrackingEvent.PickedUp(10, "Leeds")), s1.events)
    }

    @Test
    fun duplicateEventIsIgnoredEvenWhenFinished() {
        val picked = Shipment(code).record(TrackingEvent.PickedUp(10, "Leeds"))
        assertEquals(picked, picked.record(TrackingEvent.PickedUp(10, "Leeds")))
        val delivered = picked.record(TrackingEvent.Delivered(20, null))
        val again = delivered.record(TrackingEvent.Delivered(20, null))
        assertEquals(delivered, again)
        assertEquals(2, again.events.size)
    }

    @Test
    fun finishedShipmentRejectsNewEvents() {
        val delivered = Shipment(code)
            .record(TrackingEvent.PickedUp(10, "Leeds"))
            .record(TrackingEvent.Delivered(20, "Bo"))
        assertFailsWith<IllegalStateException> { delivered.record(TrackingEvent.ArrivedAtHub(30, "X")) }
        // state check comes before the timestamp check
        assertFailsWith<IllegalStateException> { delivered.record(TrackingEvent.Returned(5)) }
        val returned = Shipment(code)
            .record(TrackingEvent.PickedUp(10, "Leeds"))
            .record(TrackingEvent.Returned(20))
        assertFailsWith<IllegalStateException> { returned.record(TrackingEvent.Delivered(30, "Bo")) }
    }

    @Test
    fun timestampsMustNotGoBackwards() {
        val s = Shipment(code).record(TrackingEvent.PickedUp(100, "Leeds"))
        assertFailsWith<IllegalArgumentException> { s.record(TrackingEvent.ArrivedAtHub(99, "Hub")) }
        val same = s.record(TrackingEvent.ArrivedAtHub(100, "Hub"))
        assertEquals(ShipmentStatus.InTransit("Hub"), same.status)
        // timestamp check comes before the pickup check
        assertFailsWith<IllegalArgumentException> { s.record(TrackingEvent.PickedUp(50, "Other")) }
    }

    @Test
    fun pickupRules() {
        assertFailsWith<IllegalStateException> { Shipment(code).record(TrackingEvent.ArrivedAtHub(1, "Hub")) }
        assertFailsWith<IllegalStateException> { Shipment(code).record(TrackingEvent.Delivered(1, null)) }
        val s = Shipment(code).record(TrackingEvent.PickedUp(1, "Leeds"))
        assertFailsWith<IllegalStateException> { s.record(TrackingEvent.PickedUp(2, "York")) }
    }

    @Test
    fun headlinesForAllStatuses() {
        val statuses: List<ShipmentStatus> = listOf(
            ShipmentStatus.AwaitingPickup,
            ShipmentStatus.InTransit("Leeds"),
            ShipmentStatus.OutForRetry(2, "No one home"),
            ShipmentStatus.Delivered(5, "Ann"),
            ShipmentStatus.Delivered(5, null),
            ShipmentStatus.ReturnedToSender(9),
        )
        assertEquals(
            listOf(
                "Awaiting pickup",
                "In transit (last seen: Leeds)",
                "Delivery attempt 2 failed: No one home",
                "Delivered (signed by Ann)",
                "Delivered",
                "Returned to sender",
            ),
            statuses.map { it.headline() },
        )
    }

    @Test
    fun statusDataClassesHaveValueEquality() {
        assertEquals(ShipmentStatus.OutForRetry(1, "x"), ShipmentStatus.OutForRetry(1, "x"))
        assertEquals(ShipmentStatus.OutForRetry(1, "x").hashCode(), ShipmentStatus.OutForRetry(1, "x").hashCode())
        val s1 = Shipment(TrackingCode.parse("AB1234567895")).record(TrackingEvent.PickedUp(1, "A"))
        val s2 = Shipment(TrackingCode.parse("ab-12345-67895")).record(TrackingEvent.PickedUp(1, "A"))
        assertEquals(s1, s2)
    }
}
