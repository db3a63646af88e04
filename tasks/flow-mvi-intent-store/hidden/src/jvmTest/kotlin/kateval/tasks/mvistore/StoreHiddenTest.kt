package kateval.tasks.mvistore

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

class StoreHiddenTest {
    data class S(val log: List<String> = emptyList(), val count: Int = 0)

    sealed interface I {
        data class Add(val text: String) : I
        data object Inc : I
        data class Load(val key: String, val value: String, val delayMs: Long) : I
        data class Loaded(val value: String) : I
        data object Boom : I
        data class Wait(val gate: CompletableDeferred<String>) : I
    }

    private fun reducer(s: S, i: I): Update<S, I, String> = when (i) {
        is I.Add -> Update(s.copy(log = s.log + i.text), effects = listOf("added ${i.text}"))
        I.Inc -> Update(s.copy(count = s.count + 1))
        is I.Load -> Update(s.copy(log = s.log + "load ${i.value}"), tasks = listOf(Task(i.key) { delay(i.delayMs); I.Loaded(i.value) }))
        is I.Loaded -> Update(s.copy(log = s.log + "got ${i.value}"), effects = listOf("loaded ${i.value}"))
        I.Boom -> Update(s, tasks = listOf(Task("boom") { throw IllegalStateException("network down") }))
        is I.Wait -> Update(s, tasks = listOf(Task("wait") { I.Loaded(i.gate.await()) }))
    }

    @Test
    fun intentsAreProcessedInOrder() = runBlocking {
        val store = Store(S(), this, ::reducer)
        listOf("a", "b", "c").forEach { store.dispatch(I.Add(it)) }
        withTimeout(2000) { store.state.first { it.log.size == 3 } }
        assertEquals(listOf("a", "b", "c"), store.state.value.log)
        store.close()
    }

    @Test
    fun initialStateIsAvailableAtOnce() = runBlocking {
        val store = Store(S(count = 7), this, ::reducer)
        assertEquals(7, store.state.value.count)
        store.close()
    }

    @Test
    fun concurrentDispatchesAreAllProcessed() = runBlocking {
        val store = Store(S(), this, ::reducer)
        val jobs = List(50) { launch { repeat(10) { store.dispatch(I.Inc) } } }
        jobs.forEach { it.join() }
        withTimeout(2000) { store.state.first { it.count == 500 } }
        store.close()
    }

    @Test
    fun effectsAreBufferedUntilCollected() = runBlocking {
        val store = Store(S(), this, ::reducer)
        store.dispatch(I.Add("x")); store.dispatch(I.Inc); store.dispatch(I.Add("y"))
        withTimeout(2000) { store.state.first { it.log.size == 2 } }
        val effects = withTimeout(2000) { store.effects.take(2).toList() }
        assertEquals(listOf("added x", "added y"), effects)
        store.close()
    }

    @Test
    fun taskResultIsDispatched() = runBlocking {
        val store = Store(S(), this, ::reducer)
        store.dispatch(I.Load("k", "v1", 10))
        withTimeout(2000) { store.state.first { "got v1" in it.log } }
        assertEquals(listOf("load v1", "got v1"), store.state.value.log)
        assertEquals("loaded v1", withTimeout(2000) { store.effects.first() })
        store.close()
    }

    @Test
    fun sameKeyCancelsTheOlderTask() = runBlocking {
        val store = Store(S(), this, ::reducer)
        store.dispatch(I.Load("search", "slow", 300))
        store.dispatch(I.Load("search", "fast", 20))
        withTimeout(2000) { store.state.first { "got fast" in it.log } }
        delay(500)
        assertEquals(listOf("load slow", "load fast", "got fast"), store.state.value.log)
        store.close()
    }

    @Test
    fun differentKeysRunConcurrently() = runBlocking {
        val store = Store(S(), this, ::reducer)
        store.dispatch(I.Load("a", "one", 200))
        store.dispatch(I.Load("b", "two", 20))
        withTimeout(2000) { store.state.first { it.log.size == 4 } }
        assertEquals(listOf("load one", "load two", "got two", "got one"), store.state.value.log)
        store.close()
    }

    @Test
    fun failingTaskIsDropped() = runBlocking {
        val store = Store(S(), this, ::reducer)
        store.dispatch(I.Boom)
        store.dispatch(I.Load("k", "after", 10))
        withTimeout(2000) { store.state.first { "got after" in it.log } }
        store.dispatch(I.Add("still alive"))
        withTimeout(2000) { store.state.first { "still alive" in it.log } }
        store.close()
    }

    @Test
    fun closeCancelsTasksAndIgnoresLaterIntents() = runBlocking {
        val store = Store(S(), this, ::reducer)
        val gate = CompletableDeferred<String>()
        store.dispatch(I.Wait(gate))
        store.dispatch(I.Add("before"))
        withTimeout(2000) { store.state.first { "before" in it.log } }
        store.close()
        gate.complete("too late")
        store.dispatch(I.Add("after"))
        delay(200)
        assertEquals(listOf("before"), store.state.value.log)
        assertTrue(gate.isCompleted)
    }

    @Test
    fun effectsFlowCompletesAfterCloseWithBufferedEffects() = runBlocking {
        val store = Store(S(), this, ::reducer)
        store.dispatch(I.Add("a")); store.dispatch(I.Add("b"))
        withTimeout(2000) { store.state.first { it.log.size == 2 } }
        store.close()
        assertEquals(listOf("added a", "added b"), withTimeout(2000) { store.effects.toList() })
    }

    @Test
    fun taskResultQueuesBehindWaitingIntents() = runBlocking {
        val store = Store(S(), this, ::reducer)
        store.dispatch(I.Load("k", "v", 0))
        store.dispatch(I.Add("queued"))
        withTimeout(2000) { store.state.first { it.log.size == 3 } }
        assertEquals(listOf("load v", "queued", "got v"), store.state.value.log)
        store.close()
    }
}
