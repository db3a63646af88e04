package kateval.tasks.thumbnails

import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class MapOrderedExamplesTest {
    @Test
    fun theExample() = runTest {
        val took = mapOf("a" to 300L, "b" to 100L, "c" to 100L)
        val started = mutableListOf<Pair<String, Long>>()
        val emitted = mutableListOf<Pair<String, Long>>()
        flowOf("a", "b", "c")
            .mapOrdered(2) { started += it to testScheduler.currentTime; delay(took.getValue(it)); it.uppercase() }
            .collect { emitted += it to testScheduler.currentTime }
        assertEquals(listOf("a" to 0L, "b" to 0L, "c" to 100L), started)
        assertEquals(listOf("A" to 300L, "B" to 300L, "C" to 300L), emitted)
    }
}
