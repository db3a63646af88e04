// What the test JVM's CDS archives are dumped from (install.py): a run of these tests puts
// the classes a typical hidden test loads (JUnit, kotlin-test's asserts and their failure
// messages, the stdlib's collections, text and exceptions, kotlinx.coroutines' builders,
// dispatchers, flows, channels and locks) into the archive, so a test JVM maps them
// instead of parsing them. JUnit 4 tests (the JUnit 5 runner runs them through its Vintage
// engine) and a Jupiter one; nothing here may fail.
package cdsprobe

import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.supervisorScope
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull

data class Item(val name: String, val price: Long)

sealed interface Shape
data class Square(val side: Int) : Shape
enum class Kind { A, B }

class CdsProbeTest {
    @org.junit.Test fun asserts() {
        assertEquals(2, 1 + 1)
        assertTrue("ab".startsWith("a"))
        assertNull(null)
        assertContentEquals(listOf(1, 2), listOf(1, 2))
        val failure = assertFailsWith<AssertionError> { assertEquals(listOf(1), listOf(2), "differ") }
        assertTrue("differ" in failure.message.orEmpty())
        assertFailsWith<IllegalStateException> { check(false) { "bad" } }
        assertTrue(runCatching { require(false) }.exceptionOrNull()!!.stackTraceToString().isNotEmpty())
    }

    @org.junit.Test fun stdlib() {
        val items = listOf(Item("b", 2), Item("a", 1), Item("a", 3))
        val grouped = items.groupBy { it.name }.mapValues { (_, v) -> v.sumOf { it.price } }
        assertEquals(mapOf("b" to 2L, "a" to 4L), grouped)
        assertEquals("a,a,b", items.sortedBy { it.name }.joinToString(",") { it.name })
        assertEquals(listOf(2, 4), (1..4).asSequence().filter { it % 2 == 0 }.toList())
        assertEquals("1,234.50", "%,.2f".format(java.util.Locale.US, 1234.5))
        assertEquals(listOf("12", "34"), Regex("\\d+").findAll("a12b34").map { it.value }.toList())
        assertEquals("x=1", buildString { append("x=").append(1) })
        assertEquals(Kind.B, Kind.valueOf("B"))
        val shape: Shape = Square(2)
        assertEquals(4, when (shape) { is Square -> shape.side * shape.side })
        assertEquals(setOf(1, 2), mutableSetOf(2, 1).toSortedSet())
        assertEquals(3, items.associateBy { it.price }.size)
    }

    @org.junit.Test fun coroutines() = runBlocking {
        val a = async(Dispatchers.Default) { delay(1); 1 }
        val flow = flowOf(1, 2).map { it + 1 }.toList()
        val channel = Channel<Int>(1)
        launch { channel.send(3) }
        val mutex = Mutex()
        var n = 0
        coroutineScope { repeat(4) { launch(Dispatchers.Default) { mutex.withLock { n++ } } } }
        val state = MutableStateFlow(0)
        state.value = 5
        val done = CompletableDeferred<Int>()
        done.complete(6)
        val late = withTimeoutOrNull(5) { delay(1000); 1 }
        val failed = supervisorScope { runCatching { async { error("x") }.await() }.isFailure }
        val io = withContext(Dispatchers.IO) { withTimeout(1000) { 7 } }
        assertEquals(listOf(1, 2, 3, 3, 4, 5, 6, 7), listOf(a.await()) + flow + channel.receive() +
            n + state.first() + done.await() + io)
        assertNull(late)
        assertTrue(failed)
    }
}

class CdsJupiterProbeTest {
    @org.junit.jupiter.api.Test fun asserts() = assertEquals(2, 1 + 1)
}
