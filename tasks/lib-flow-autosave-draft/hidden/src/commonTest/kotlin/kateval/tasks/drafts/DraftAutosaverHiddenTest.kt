package kateval.tasks.drafts

import kotlinx.coroutines.delay
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** Records (start time, text) per save; each save takes `latency` ms; saves whose number
 * (from 1) is in `failing` throw. Fails the test if two saves ever overlap. */
class FakeStore(
    private val scope: TestScope,
    private val latency: Long = 0,
    private val failing: Set<Int> = emptySet(),
    private val message: String? = "disk full",
) : DraftStore {
    val saves = mutableListOf<Pair<Long, String>>()
    private var running = false

    override suspend fun save(text: String) {
        check(!running) { "two saves at once" }
        running = true
        try {
            saves += scope.testScheduler.currentTime to text
            if (latency > 0) delay(latency)
            if (saves.size in failing) throw IllegalStateException(message)
        } finally {
            running = false
        }
    }
}

class DraftAutosaverHiddenTest {
    private fun TestScope.settle() {
        advanceTimeBy(120_000)
        runCurrent()
    }

    @Test
    fun startsCleanWithTheInitialText() = runTest {
        val saver = DraftAutosaver(FakeStore(this), backgroundScope, initialText = "Dear Ann,")
        assertEquals(SaveStatus("Dear Ann,", "Dear Ann,"), saver.status.value)
        assertFalse(saver.status.value.dirty)
    }

    @Test
    fun editsShowAtOnceAndSaveExactlyAfterTheQuietPeriod() = runTest {
        val store = FakeStore(this)
        val saver = DraftAutosaver(store, backgroundScope)
        saver.edit("a")
        assertEquals("a", saver.status.value.text)
        assertTrue(saver.status.value.dirty)
        advanceTimeBy(999)
        assertEquals(emptyList(), store.saves)
        advanceTimeBy(1)
        runCurrent()
        assertEquals(listOf(1_000L to "a"), store.saves)
        assertEquals(SaveStatus("a", "a"), saver.status.value)
    }

    @Test
    fun continuousTypingIsSavedAtTheMaximumWait() = runTest {
        val store = FakeStore(this)
        val saver = DraftAutosaver(store, backgroundScope)
        var text = ""
        repeat(34) { // an edit every 300 ms, from 0 to 9900 ms
            text += "x"
            saver.edit(text)
            advanceTimeBy(300)
        }
        settle()
        assertEquals(listOf(5_000L to "x".repeat(17), 10_100L to "x".repeat(34)), store.saves)
    }

    @Test
    fun quietAndMaximumAreTheConstructorArguments() = runTest {
        val store = FakeStore(this)
        val saver = DraftAutosaver(store, backgroundScope, quietMillis = 200, maxWaitMillis = 500)
        saver.edit("a")
        advanceTimeBy(150)
        saver.edit("ab")
        advanceTimeBy(150)
        saver.edit("abc")
        advanceTimeBy(150)
        saver.edit("abcd")
        settle()
        assertEquals(listOf(500L to "abcd"), store.saves)
        saver.edit("abcde")
        advanceTimeBy(199)
        assertEquals(1, store.saves.size)
        advanceTimeBy(1)
        runCurrent()
        assertEquals(listOf(500L to "abcd", 120_650L to "abcde"), store.saves)
    }

    @Test
    fun undoneEditsSaveNothing() = runTest {
        val store = FakeStore(this)
        val saver = DraftAutosaver(store, backgroundScope, initialText = "hi")
        saver.edit("hi!")
        advanceTimeBy(500)
        saver.edit("hi")
        settle()
        assertEquals(emptyList(), store.saves)
        assertEquals(SaveStatus("hi", "hi"), saver.status.value)
        saver.edit("hi")
        settle()
        assertEquals(emptyList(), store.saves)
    }

    @Test
    fun savingIsShownWhileTheStoreWorks() = runTest {
        val saver = DraftAutosaver(FakeStore(this, latency = 300), backgroundScope)
        saver.edit("a")
        advanceTimeBy(1_100)
        assertEquals(SaveStatus("a", "", saving = true), saver.status.value)
        advanceTimeBy(200)
        runCurrent()
        assertEquals(SaveStatus("a", "a"), saver.status.value)
    }

    @Test
    fun editsDuringASaveStartANewWaitWhenItEnds() = runTest {
        val store = FakeStore(this, latency = 2_000)
        val saver = DraftAutosaver(store, backgroundScope)
        saver.edit("one")
        advanceTimeBy(1_500)
        saver.edit("one two")
        advanceTimeBy(500)
        saver.edit("one two three")
        settle()
        assertEquals(listOf(1_000L to "one", 4_000L to "one two three"), store.saves)
        assertEquals(SaveStatus("one two three", "one two three"), saver.status.value)
    }

    @Test
    fun aFailedSaveStaysDirtyAndIsNotRetriedOnItsOwn() = runTest {
        val store = FakeStore(this, failing = setOf(1))
        val saver = DraftAutosaver(store, backgroundScope, initialText = "v0")
        saver.edit("v1")
        settle()
        assertEquals(SaveStatus("v1", "v0", error = "disk full"), saver.status.value)
        assertEquals(1, store.saves.size)
        saver.edit("v2")
        advanceTimeBy(1_000)
        runCurrent()
        assertEquals(listOf("v1", "v2"), store.saves.map { it.second })
        assertEquals(SaveStatus("v2", "v2"), saver.status.value)
    }

    @Test
    fun aFailureWithoutMessageIsSaveFailed() = runTest {
        val saver = DraftAutosaver(FakeStore(this, failing = setOf(1), message = null), backgroundScope)
        saver.edit("x")
        settle()
        assertEquals("save failed", saver.status.value.error)
        assertFalse(saver.status.value.saving)
    }

    @Test
    fun aFailedSaveCanBeFixedByEditingBackToNothingNew() = runTest {
        val store = FakeStore(this, failing = setOf(1))
        val saver = DraftAutosaver(store, backgroundScope, initialText = "v0")
        saver.edit("v1")
        settle()
        saver.edit("v0")
        settle()
        assertEquals(1, store.saves.size)
        assertFalse(saver.status.value.dirty)
    }
}
