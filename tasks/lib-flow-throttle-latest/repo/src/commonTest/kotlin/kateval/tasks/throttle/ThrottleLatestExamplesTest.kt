package kateval.tasks.throttle

import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class ThrottleLatestExamplesTest {
    @Test
    fun leadingAndLatest() = runTest {
        val source = flow {
            emit(1)
            delay(50)
            emit(2)
            delay(70)
            emit(3)
        }
        val seen = mutableListOf<Pair<Long, Int>>()
        source.throttleLatest(200).collect { seen += testScheduler.currentTime to it }
        assertEquals(listOf(0L to 1, 200L to 3), seen)
        assertEquals(200L, testScheduler.currentTime)
    }
}
