package kateval.tasks.thumbnails

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.emptyFlow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class ThumbnailFailed(val item: Int, val reason: String) : RuntimeException("thumbnail $item failed: $reason")

/** A transform that takes `durations[item]` ms (100 by default), records starts, ends and
 * cancellations, and the most transformations running at once. */
class Recorder(private val scope: TestScope, private val durations: Map<Int, Long> = emptyMap(),
               private val failing: Set<Int> = emptySet()) {
    val started = mutableListOf<Pair<Int, Long>>()
    val cancelled = mutableListOf<Int>()
    var running = 0
    var mostAtOnce = 0

    val transform: suspend (Int) -> String = { item ->
        started += item to scope.testScheduler.currentTime
        running++
        mostAtOnce = maxOf(mostAtOnce, running)
        try {
            delay(durations[item] ?: 100)
        } catch (e: CancellationException) {
            cancelled += item
            throw e
        } finally {
            running--
        }
        if (item in failing) throw ThumbnailFailed(item, "corrupt")
        "t$item"
    }
}

class MapOrderedHiddenTest {
    private suspend fun TestScope.emissions(flow: Flow<String>): List<Pair<String, Long>> {
        val out = mutableListOf<Pair<String, Long>>()
        flow.collect { out += it to testScheduler.currentTime }
        return out
    }

    @Test
    fun resultsKeepTheSourceOrder() = runTest {
        val recorder = Recorder(this, mapOf(1 to 500L, 2 to 100L, 3 to 300L, 4 to 50L, 5 to 10L))
        assertEquals(listOf("t1", "t2", "t3", "t4", "t5"),
            (1..5).asFlow().mapOrdered(3, recorder.transform).toList())
    }

    @Test
    fun aFreedPlaceIsTakenAtOnce() = runTest {
        val recorder = Recorder(this, mapOf(1 to 500L, 2 to 100L, 3 to 300L, 4 to 50L, 5 to 10L))
        val out = emissions((1..5).asFlow().mapOrdered(2, recorder.transform))
        assertEquals(listOf(1 to 0L, 2 to 0L, 3 to 100L, 4 to 400L, 5 to 450L), recorder.started)
        assertEquals(listOf("t1" to 500L, "t2" to 500L, "t3" to 500L, "t4" to 500L, "t5" to 500L), out)
        assertEquals(2, recorder.mostAtOnce)
    }

    @Test
    fun readyResultsDoNotHoldAPlace() = runTest {
        val recorder = Recorder(this, mapOf(1 to 1_000L))
        val out = emissions((1..6).asFlow().mapOrdered(2, recorder.transform))
        assertEquals(listOf(1 to 0L, 2 to 0L, 3 to 100L, 4 to 200L, 5 to 300L, 6 to 400L), recorder.started)
        assertEquals(List(6) { 1_000L }, out.map { it.second })
    }

    @Test
    fun resultsAreEmittedAsSoonAsTheirTurnComes() = runTest {
        val recorder = Recorder(this, mapOf(1 to 100L, 2 to 400L, 3 to 200L, 4 to 100L))
        val out = emissions((1..4).asFlow().mapOrdered(4, recorder.transform))
        assertEquals(listOf("t1" to 100L, "t2" to 400L, "t3" to 400L, "t4" to 400L), out)
    }

    @Test
    fun concurrencyOfOneIsSequential() = runTest {
        val recorder = Recorder(this)
        val out = emissions((1..3).asFlow().mapOrdered(1, recorder.transform))
        assertEquals(listOf(1 to 0L, 2 to 100L, 3 to 200L), recorder.started)
        assertEquals(listOf("t1" to 100L, "t2" to 200L, "t3" to 300L), out)
    }

    @Test
    fun aSlowSourceIsFollowed() = runTest {
        val recorder = Recorder(this, mapOf(1 to 50L, 2 to 50L))
        val source = flow {
            emit(1)
            delay(200)
            emit(2)
        }
        assertEquals(listOf("t1" to 50L, "t2" to 250L), emissions(source.mapOrdered(4, recorder.transform)))
    }

    @Test
    fun anEmptySourceCompletes() = runTest {
        assertEquals(emptyList(), emptyFlow<Int>().mapOrdered(3, Recorder(this).transform).toList())
    }

    @Test
    fun aFailureCancelsTheOthersAndIsThrown() = runTest {
        val recorder = Recorder(this, mapOf(1 to 1_000L, 2 to 50L, 3 to 1_000L), failing = setOf(2))
        val out = mutableListOf<String>()
        val thrown = assertFailsWith<ThumbnailFailed> { (1..5).asFlow().mapOrdered(3, recorder.transform).collect { out += it } }
        assertEquals(2, thrown.item)
        assertEquals(emptyList(), out)
        assertTrue(recorder.cancelled.containsAll(listOf(1, 3)))
        assertEquals(listOf(1, 2, 3), recorder.started.map { it.first }.take(3))
        assertEquals(0, recorder.running)
        assertEquals(50L, testScheduler.currentTime)
    }

    @Test
    fun aSourceFailureCancelsTheRunningTransformations() = runTest {
        val recorder = Recorder(this, mapOf(1 to 1_000L))
        val source = flow {
            emit(1)
            delay(10)
            throw ThumbnailFailed(0, "listing failed")
        }
        assertFailsWith<ThumbnailFailed> { source.mapOrdered(2, recorder.transform).toList() }
        assertEquals(listOf(1), recorder.cancelled)
        assertEquals(10L, testScheduler.currentTime)
    }

    @Test
    fun takeCancelsTheRest() = runTest {
        val recorder = Recorder(this, mapOf(1 to 10L, 2 to 20L, 3 to 1_000L, 4 to 1_000L))
        var pulled = 0
        val source = flow { for (i in 1..100) { pulled++; emit(i) } }
        assertEquals(listOf("t1", "t2"), source.mapOrdered(4, recorder.transform).take(2).toList())
        assertTrue(recorder.cancelled.containsAll(listOf(3, 4)))
        assertEquals(0, recorder.running)
        assertEquals(20L, testScheduler.currentTime)
        assertTrue(pulled <= 8, "pulled $pulled items")
    }

    @Test
    fun concurrencyMustBePositive() {
        assertFailsWith<IllegalArgumentException> { flowOf(1).mapOrdered(0) { it } }
    }
}
