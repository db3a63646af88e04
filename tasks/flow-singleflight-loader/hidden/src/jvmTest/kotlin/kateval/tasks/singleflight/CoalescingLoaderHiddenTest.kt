package kateval.tasks.singleflight

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancel
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

class CoalescingLoaderHiddenTest {
    /** Runs [block] with a loader scope on the test's single-threaded event loop. */
    private fun test(block: suspend CoroutineScope.(loaderScope: CoroutineScope) -> Unit) = runBlocking {
        val loaderScope = CoroutineScope(coroutineContext + Job())
        try {
            withTimeout(2_000) { block(loaderScope) }
        } finally {
            loaderScope.cancel()
        }
    }

    /** Lets every queued coroutine run until it suspends. */
    private suspend fun settle() = repeat(20) { yield() }

    @Test
    fun concurrentGetsShareOneLoadPerKey() = test { ls ->
        val gate = CompletableDeferred<Unit>()
        var calls = 0
        val loader = CoalescingLoader<String, String>(ls, 1_000, { 0L }) { k -> calls++; gate.await(); "v-$k" }
        val results = listOf("a", "a", "b", "a").map { k -> async { loader.get(k) } }
        settle()
        assertEquals(2, calls)
        assertEquals(setOf("a", "b"), loader.inFlightKeys)
        assertNull(loader.peek("a"))
        gate.complete(Unit)
        assertEquals(listOf("v-a", "v-a", "v-b", "v-a"), results.awaitAll())
        assertEquals(emptySet(), loader.inFlightKeys)
        assertEquals("v-a", loader.peek("a"))
    }

    @Test
    fun cachedValueIsFreshForTtlFromCompletionTime() = test { ls ->
        var now = 1_000L
        var calls = 0
        val loader = CoalescingLoader<String, String>(ls, 100, { now }) { calls++; now += 30; "v$calls" }
        assertEquals("v1", loader.get("k"))          // completes at 1030
        now = 1_129
        assertEquals("v1", loader.get("k"))
        assertEquals("v1", loader.peek("k"))
        assertEquals(1, calls)
        now = 1_130
        assertNull(loader.peek("k"))
        assertEquals("v2", loader.get("k"))
        assertEquals(2, calls)
    }

    @Test
    fun zeroTtlCoalescesButNeverCaches() = test { ls ->
        val gate = CompletableDeferred<Unit>()
        var calls = 0
        val loader = CoalescingLoader<Int, Int>(ls, 0, { 5L }) { k -> calls++; gate.await(); k * 10 + calls }
        val a = async { loader.get(1) }
        val b = async { loader.get(1) }
        settle()
        gate.complete(Unit)
        assertEquals(11, a.await())
        assertEquals(11, b.await())
        assertNull(loader.peek(1))
        assertEquals(12, loader.get(1))
        assertEquals(2, calls)
        assertFailsWith<IllegalArgumentException> { CoalescingLoader<Int, Int>(ls, -1, { 0L }) { it } }
    }

    @Test
    fun failureReachesAllWaitersAndIsNotCached() = test { ls ->
        val gate = CompletableDeferred<Unit>()
        var calls = 0
        val loader = CoalescingLoader<String, String>(ls, 10_000, { 0L }) { k ->
            calls++
            gate.await()
            if (calls == 1) throw IllegalStateException("boom $k") else "ok $k"
        }
        val a = async { runCatching { loader.get("x") } }
        val b = async { runCatching { loader.get("x") } }
        settle()
        gate.complete(Unit)
        for (r in listOf(a.await(), b.await())) {
            val e = r.exceptionOrNull()
            assertTrue(e is IllegalStateException, "expected IllegalStateException but got $e")
            assertEquals("boom x", e.message)
        }
        assertEquals(1, calls)
        assertNull(loader.peek("x"))
        assertEquals(emptySet(), loader.inFlightKeys)
        assertEquals("ok x", loader.get("x"))
        assertEquals(2, calls)
    }

    @Test
    fun failedLoadDoesNotCancelTheScopeOrItsOtherChildren() = test { ls ->
        val sibling = ls.launch { delay(Long.MAX_VALUE) }
        val loader = CoalescingLoader<String, String>(ls, 10_000, { 0L }) { k ->
            if (k == "bad") throw IllegalArgumentException("bad key") else "fine"
        }
        assertFailsWith<IllegalArgumentException> { loader.get("bad") }
        settle()
        assertTrue(ls.isActive)
        assertTrue(sibling.isActive)
        assertEquals("fine", loader.get("good"))
        sibling.cancel()
    }

    @Test
    fun cancellingOneWaiterKeepsTheSharedLoad() = test { ls ->
        val gate = CompletableDeferred<Unit>()
        var loadCancelled = false
        var calls = 0
        val loader = CoalescingLoader<String, String>(ls, 10_000, { 0L }) {
            calls++
            try {
                gate.await()
                "value"
            } catch (e: CancellationException) {
                loadCancelled = true
                throw e
            }
        }
        val first = async { loader.get("k") }
        val second = async { loader.get("k") }
        settle()
        first.cancelAndJoin()
        settle()
        assertEquals(setOf("k"), loader.inFlightKeys)
        assertFalse(loadCancelled)
        gate.complete(Unit)
        assertEquals("value", second.await())
        assertTrue(first.isCancelled)
        assertEquals(1, calls)
        assertEquals("value", loader.peek("k"))
    }

    @Test
    fun cancellingEveryWaiterCancelsTheLoad() = test { ls ->
        val gate = CompletableDeferred<Unit>()
        val loadCancelled = CompletableDeferred<Unit>()
        var calls = 0
        val loader = CoalescingLoader<String, String>(ls, 10_000, { 0L }) {
            calls++
            try {
                gate.await()
                "v$calls"
            } catch (e: CancellationException) {
                loadCancelled.complete(Unit)
                throw e
            }
        }
        val first = launch { loader.get("k") }
        val second = launch { loader.get("k") }
        settle()
        first.cancelAndJoin()
        second.cancelAndJoin()
        assertEquals(emptySet(), loader.inFlightKeys)
        loadCancelled.await()
        gate.complete(Unit)
        assertEquals("v2", loader.get("k"))
        assertEquals(2, calls)
    }

    @Test
    fun invalidateDetachesAnInFlightLoad() = test { ls ->
        val gates = listOf(CompletableDeferred<Unit>(), CompletableDeferred<Unit>())
        var calls = 0
        val loader = CoalescingLoader<String, String>(ls, 10_000, { 0L }) {
            val n = ++calls
            gates[n - 1].await()
            "v$n"
        }
        val old = async { loader.get("k") }
        settle()
        loader.invalidate("k")
        assertEquals(emptySet(), loader.inFlightKeys)
        val fresh = async { loader.get("k") }
        settle()
        assertEquals(2, calls)
        assertEquals(setOf("k"), loader.inFlightKeys)

        gates[0].complete(Unit)
        assertEquals("v1", old.await())
        settle()
        // the detached load neither fills the cache nor removes the new flight
        assertNull(loader.peek("k"))
        assertEquals(setOf("k"), loader.inFlightKeys)
        val joiner = async { loader.get("k") }
        settle()
        assertEquals(2, calls)

        gates[1].complete(Unit)
        assertEquals("v2", fresh.await())
        assertEquals("v2", joiner.await())
        assertEquals("v2", loader.peek("k"))
    }

    @Test
    fun invalidateDropsCachedValue() = test { ls ->
        var calls = 0
        val loader = CoalescingLoader<String, Int>(ls, 10_000, { 0L }) { calls++; calls }
        assertEquals(1, loader.get("k"))
        assertEquals(1, loader.get("k"))
        loader.invalidate("k")
        loader.invalidate("unknown")
        assertNull(loader.peek("k"))
        assertEquals(2, loader.get("k"))
    }

    @Test
    fun closeCancelsLoadsClearsCacheAndRejectsGets() = test { ls ->
        val loadCancelled = CompletableDeferred<Unit>()
        val loader = CoalescingLoader<String, String>(ls, 10_000, { 0L }) { k ->
            if (k == "cached") return@CoalescingLoader "c"
            try {
                awaitCancellationForever()
            } catch (e: CancellationException) {
                loadCancelled.complete(Unit)
                throw e
            }
        }
        assertEquals("c", loader.get("cached"))
        val waiter = async(start = CoroutineStart.DEFAULT) { loader.get("slow") }
        settle()
        loader.close()
        assertFailsWith<CancellationException> { waiter.await() }
        loadCancelled.await()
        assertNull(loader.peek("cached"))
        assertEquals(emptySet(), loader.inFlightKeys)
        assertFailsWith<IllegalStateException> { loader.get("cached") }
        loader.close()
    }

    @Test
    fun coalescesUnderRealParallelism() {
        val loaderScope = CoroutineScope(Dispatchers.Default + Job())
        try {
            val calls = AtomicInteger()
            val loader = CoalescingLoader<Int, String>(loaderScope, Long.MAX_VALUE, { 0L }) { k ->
                calls.incrementAndGet()
                delay(20)
                "v$k"
            }
            val results = runBlocking {
                withTimeout(2_000) {
                    withContext(Dispatchers.Default) {
                        (0 until 400).map { i -> async { loader.get(i % 8) } }.awaitAll()
                    }
                }
            }
            assertEquals((0 until 400).map { "v${it % 8}" }, results)
            assertEquals(8, calls.get())
        } finally {
            loaderScope.cancel()
        }
    }

    private suspend fun awaitCancellationForever(): Nothing {
        CompletableDeferred<Nothing>().await()
    }
}
