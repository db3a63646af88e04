package kateval.tasks.location

import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.onCompletion
import kotlinx.coroutines.flow.onStart
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class LocationTrackerExamplesTest {
    @Test
    fun aSubscriberGetsAFix() = runTest {
        val here = Fix(52.37, 4.90, 5.0)
        val tracker = LocationTracker({ flow { emit(here); awaitCancellation() } }, backgroundScope)
        assertEquals(here, tracker.fixes.first())
    }
}
