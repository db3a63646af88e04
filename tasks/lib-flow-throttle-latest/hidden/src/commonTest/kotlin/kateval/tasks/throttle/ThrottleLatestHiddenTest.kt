package kateval.tasks.throttle

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emptyFlow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class SourceBroke(val code: Int, val where: String) : RuntimeException("source broke at $where ($code)")

/** Emits each value at its virtual time (ms from the start of collection). */
fun <T> timed(vararg points: Pair<Long, T>): Flow<T> = flow {
    var now = 0L
    for ((at, value) in points) {
        delay(at - now)
        now = at
        emit(value)
    }
}

class ThrottleLatestHiddenTest {
    private suspend fun <T> TestScope.record(flow: Flow<T>): List<Pair<Long, T>> {
        val seen = mutableListOf<Pair<Long, T>>()
        flow.collect { seen += testScheduler.currentTime to it }
        return seen
    }

    @Test
    fun aWindowFollowsEachEmission() = runTest {
        val source = timed(0L to 0, 50L to 50, 120L to 120, 250L to 250, 310L to 310, 450L to 450, 700L to 700,
            1_100L to 1_100)
        assertEquals(listOf(0L to 0, 200L to 120, 400L to 310, 600L to 450, 800L to 700, 1_100L to 1_100),
            record(source.throttleLatest(200)))
        assertEquals(1_300L, testScheduler.currentTime)
    }

    @Test
    fun anEmptyWindowClosesAndTheNextValueIsImmediate() = runTest {
        val source = timed(0L to "a", 500L to "b", 520L to "c", 2_000L to "d")
        assertEquals(listOf(0L to "a", 500L to "b", 600L to "c", 2_000L to "d"), record(source.throttleLatest(100)))
        assertEquals(2_100L, testScheduler.currentTime)
    }

    @Test
    fun valuesAtTheSameInstant() = runTest {
        assertEquals(listOf(0L to 1, 100L to 3), record(flowOf(1, 2, 3).throttleLatest(100)))
        assertEquals(100L, testScheduler.currentTime)
    }

    @Test
    fun theLastValueIsNeverLostAndNoExtraWindowIsWaited() = runTest {
        val source = timed(0L to 10, 30L to 20, 60L to 97, 90L to 100)
        assertEquals(listOf(0L to 10, 1_000L to 100), record(source.throttleLatest(1_000)))
        assertEquals(1_000L, testScheduler.currentTime)
    }

    @Test
    fun aSingleValueCompletesAtTheEndOfItsWindow() = runTest {
        assertEquals(listOf(0L to "only"), record(flowOf("only").throttleLatest(250)))
        assertEquals(250L, testScheduler.currentTime)
    }

    @Test
    fun anEmptySourceCompletesAtOnce() = runTest {
        assertEquals(emptyList(), record(emptyFlow<Int>().throttleLatest(250)))
        assertEquals(0L, testScheduler.currentTime)
    }

    @Test
    fun nullIsAValue() = runTest {
        val source = timed<Int?>(0L to null, 10L to 5, 20L to null)
        assertEquals(listOf<Pair<Long, Int?>>(0L to null, 100L to null), record(source.throttleLatest(100)))
    }

    @Test
    fun aSourceFailureIsThrownAtOnceDroppingTheKeptValue() = runTest {
        val source = flow {
            emit(1)
            delay(30)
            emit(2)
            delay(30)
            throw SourceBroke(7, "60 ms")
        }
        val seen = mutableListOf<Int>()
        val thrown = assertFailsWith<SourceBroke> { source.throttleLatest(100).collect { seen += it } }
        assertEquals("source broke at 60 ms (7)", thrown.message)
        assertEquals(listOf(1), seen)
        assertEquals(60L, testScheduler.currentTime)
    }

    @Test
    fun takeCancelsTheSource() = runTest {
        var cancelled = false
        var emitted = 0
        val source = flow {
            try {
                while (true) {
                    emit(emitted++)
                    delay(40)
                }
            } catch (e: CancellationException) {
                cancelled = true
                throw e
            }
        }
        assertEquals(listOf(0L to 0, 100L to 2), record(source.throttleLatest(100).take(2)))
        assertTrue(cancelled)
        assertEquals(3, emitted)
    }

    @Test
    fun aPeriodOfOneMillisecondIsFine() = runTest {
        assertEquals(listOf(0L to 1, 1L to 3), record(flowOf(1, 2, 3).throttleLatest(1)))
    }

    @Test
    fun nonPositivePeriodsAreRefusedAtTheCall() {
        assertFailsWith<IllegalArgumentException> { flowOf(1).throttleLatest(0) }
        assertFailsWith<IllegalArgumentException> { flowOf(1).throttleLatest(-5) }
    }
}
