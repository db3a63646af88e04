package kateval.tasks.batching

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.catch
import kotlinx.coroutines.flow.emptyFlow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlin.test.*

class BatchingHiddenTest {
    private fun test(block: suspend kotlinx.coroutines.CoroutineScope.() -> Unit) = runBlocking { withTimeout(10_000) { block() } }

    @Test
    fun argumentsAreCheckedEagerly() {
        assertFailsWith<IllegalArgumentException> { emptyFlow<Int>().batched(0, 10) }
        assertFailsWith<IllegalArgumentException> { emptyFlow<Int>().batched(1, 0) }
    }

    @Test
    fun smallestArgumentsAreAccepted() = test {
        assertEquals(listOf(listOf(1), listOf(2)), listOf(1, 2).asFlow().batched(1, 1).toList())
    }

    @Test
    fun emptyUpstreamEmitsNothing() = test {
        assertEquals(emptyList(), emptyFlow<Int>().batched(3, 50).toList())
    }

    @Test
    fun fullBatchesAreEmittedBySize() = test {
        assertEquals(listOf(listOf(1, 2, 3), listOf(4, 5, 6), listOf(7)), (1..7).asFlow().batched(3, 60_000).toList())
    }

    @Test
    fun sizeOneEmitsEachItem() = test {
        assertEquals(listOf(listOf("a"), listOf("b")), listOf("a", "b").asFlow().batched(1, 60_000).toList())
    }

    @Test
    fun partialBatchIsFlushedAfterMaxWait() = test {
        val upstream = flow {
            emit(1); emit(2)
            delay(1_200)
            emit(3)
        }
        val started = System.nanoTime()
        val times = mutableListOf<Long>()
        val batches = upstream.batched(10, 300).onEach { times += (System.nanoTime() - started) / 1_000_000 }.toList()
        assertEquals(listOf(listOf(1, 2), listOf(3)), batches)
        assertTrue(times[0] in 250..1_100, "first batch after about 300 ms, was ${times[0]}")
    }

    @Test
    fun timerStartsAtFirstItemOfTheBatch() = test {
        val upstream = flow {
            delay(600)
            emit("a")
            delay(150)
            emit("b")
            delay(1_500)
            emit("c")
        }
        assertEquals(listOf(listOf("a", "b"), listOf("c")), upstream.batched(10, 500).toList())
    }

    @Test
    fun upstreamFailureFlushesThenRethrows() = test {
        val upstream = flow {
            emit(1); emit(2)
            throw IllegalStateException("disk full")
        }
        val seen = mutableListOf<List<Int>>()
        var error: Throwable? = null
        upstream.batched(5, 60_000).catch { error = it }.collect { seen += it }
        assertEquals(listOf(listOf(1, 2)), seen)
        assertEquals("disk full", error?.message)
    }

    @Test
    fun slowCollectorLosesNothing() = test {
        val out = (1..20).asFlow().batched(6, 60_000).onEach { delay(20) }.toList()
        assertEquals((1..20).toList(), out.flatten())
        assertEquals(listOf(6, 6, 6, 2), out.map { it.size })
    }

    @Test
    fun cancellingTheCollectorCancelsUpstream() = test {
        val cancelled = CompletableDeferred<Unit>()
        val upstream = flow {
            try {
                emit(1); emit(2); emit(3)
                awaitCancellation()
            } finally {
                cancelled.complete(Unit)
            }
        }
        val first = upstream.batched(3, 60_000).take(1).toList()
        assertEquals(listOf(listOf(1, 2, 3)), first)
        withTimeout(2_000) { cancelled.await() }
    }

    @Test
    fun collectorCancellationFromOutside() = test {
        val cancelled = CompletableDeferred<Unit>()
        val job = launch {
            flow {
                try { emit(1); awaitCancellation() } finally { cancelled.complete(Unit) }
            }.batched(10, 60_000).collect { }
        }
        delay(100)
        job.cancel()
        withTimeout(2_000) { cancelled.await() }
        assertTrue(job.isCancelled)
    }
}
