package kateval.tasks.shipment

/** A scan event reported by the carrier. [at] is a timestamp in epoch seconds. */
sealed interface TrackingEvent {
    val at: Long

    data class PickedUp(override val at: Long, val depot: String) : TrackingEvent
    data class ArrivedAtHub(override val at: Long, val hub: String) : TrackingEvent
    data class DeliveryAttempted(override val at: Long, val note: String) : TrackingEvent
    data class Delivered(override val at: Long, val signedBy: String?) : TrackingEvent
    data class Returned(override val at: Long) : TrackingEvent
}

/** The status of a shipment, derived from its events. */
sealed interface ShipmentStatus {
    data object AwaitingPickup : ShipmentStatus
    data class InTransit(val lastLocation: String) : ShipmentStatus
    data class OutForRetry(val failedAttempts: Int, val lastNote: String) : ShipmentStatus
    data class Delivered(val at: Long, val signedBy: String?) : ShipmentStatus
    data class ReturnedToSender(val at: Long) : ShipmentStatus
}

data class Shipment(val code: TrackingCode, val events: List<TrackingEvent> = emptyList()) {

    /** The current status derived from [events]. */
    val status: ShipmentStatus
        get() = TODO("status")

    /** Returns a new shipment with [event] recorded; see instruction.md for the rules. */
    fun record(event: TrackingEvent): Shipment = TODO("record")
}

/** One-line, user facing description of a status. */
fun ShipmentStatus.headline(): String = TODO("headline")
