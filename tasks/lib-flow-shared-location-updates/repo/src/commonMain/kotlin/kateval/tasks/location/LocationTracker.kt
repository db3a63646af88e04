package kateval.tasks.location

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.SharedFlow

/** Shares the GPS between the app's screens. See instruction.md for the rules. */
class LocationTracker(sensor: LocationSensor, scope: CoroutineScope) {
    val fixes: SharedFlow<Fix>
        get() = TODO()

    fun accurateFixes(maxErrorMeters: Double): Flow<Fix> = TODO()
}
