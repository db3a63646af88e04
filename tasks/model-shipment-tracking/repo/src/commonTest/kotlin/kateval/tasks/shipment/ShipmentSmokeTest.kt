package kateval.tasks.shipment

import kotlin.test.Test
import kotlin.test.assertEquals

class ShipmentSmokeTest {
    @Test
    fun parsesAndTracksASimpleShipment() {
        val code = TrackingCode.parse("AB-12345-67895")
        assertEquals("AB1234567895", code.value)
        val s = Shipment(code)
            .record(TrackingEvent.PickedUp(100, "Leeds"))
            .record(TrackingEvent.Delivered(200, "Ann"))
        assertEquals(ShipmentStatus.Delivered(200, "Ann"), s.status)
        assertEquals("Delivered (signed by Ann)", s.status.headline())
    }
}
