package kateval.tasks.location

import kotlinx.coroutines.flow.Flow

/** One position fix. */
data class Fix(val lat: Double, val lon: Double, val accuracyMeters: Double)

/** The GPS. Collecting `fixes()` switches the receiver on; it stays on while collected.
 * The flow throws when the receiver fails. */
fun interface LocationSensor {
    fun fixes(): Flow<Fix>
}
