package kateval.tasks.workerpool

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import java.util.Collections
import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.*

class WorkerPoolHiddenTest {
    private fun test(block: suspend kotlinx.coroutines.CoroutineScope.() -> Unit) = runBlocking { withTimeout(10_000) { block() } }

    @Test
    fun rejectsZeroWorkers() = test {
        assertFailsWith<IllegalArgumentException> { processWithWorkers(listOf(1), 0) { it } }
    }

    @Test
    fun emptyInputCallsNothing() = test {
        var calls = 0
        assertEquals(emptyList(), processWithWorkers(emptyList<Int>(), 3, { _, _ -> calls++ }) { calls++; it })
        assertEquals(0, calls)
    }

    @Test
    fun resultsKeepInputOrder() = test {
        val out = processWithWorkers((1..10).toList(), 4) { delay((11 - it) * 10L); it * it }
        assertEquals((1..10).map { it * it }, out)
    }

    @Test
    fun concurrencyNeverExceedsWorkers() = test {
        val running = AtomicInteger()
        val peak = AtomicInteger()
        withContext(Dispatchers.Default) {
            processWithWorkers((1..40).toList(), 3) {
                val now = running.incrementAndGet()
                peak.accumulateAndGet(now) { a, b -> maxOf(a, b) }
                delay(5)
                running.decrementAndGet()
            }
        }
        assertEquals(3, peak.get())
    }

    @Test
    fun usesAllWorkersWhenThereIsWork() = test {
        val gate = CompletableDeferred<Unit>()
        val started = AtomicInteger()
        val job = async { processWithWorkers((1..5).toList(), 5) { started.incrementAndGet(); gate.await(); it } }
        repeat(50) { yield() }
        assertEquals(5, started.get())
        gate.complete(Unit)
        assertEquals(listOf(1, 2, 3, 4, 5), job.await())
    }

    @Test
    fun itemsAreHandedOutInOrder() = test {
        val order = Collections.synchronizedList(mutableListOf<Int>())
        processWithWorkers((0 until 8).toList(), 1) { order += it; it }
        assertEquals((0 until 8).toList(), order)
    }

    @Test
    fun progressIsSequentialAndComplete() = test {
        val seen = Collections.synchronizedList(mutableListOf<Pair<Int, Int>>())
        val inside = AtomicInteger()
        withContext(Dispatchers.Default) {
            processWithWorkers((1..30).toList(), 4, { done, total ->
                assertEquals(1, inside.incrementAndGet(), "onProgress must not run concurrently")
                seen += done to total
                Thread.sleep(1)
                inside.decrementAndGet()
            }) { delay(1); it }
        }
        assertEquals((1..30).map { it to 30 }, seen)
    }

    @Test
    fun failureCancelsOthersAndStopsNewWork() = test {
        val started = AtomicInteger()
        val cancelled = AtomicInteger()
        val e = assertFailsWith<IllegalStateException> {
            processWithWorkers((1..20).toList(), 3) {
                started.incrementAndGet()
                if (it == 2) { delay(50); throw IllegalStateException("bad image 2") }
                try { delay(10_000); it } catch (c: CancellationException) { cancelled.incrementAndGet(); throw c }
            }
        }
        assertEquals("bad image 2", e.message)
        assertEquals(3, started.get())
        assertEquals(2, cancelled.get())
    }

    @Test
    fun callerCancellationCancelsWorkers() = test {
        val cancelled = CompletableDeferred<Unit>()
        val job = launch {
            processWithWorkers(listOf(1, 2), 2) {
                try { awaitCancellation() } finally { if (it == 2) cancelled.complete(Unit) }
            }
        }
        delay(50)
        job.cancel()
        withTimeout(2_000) { cancelled.await() }
    }
}
