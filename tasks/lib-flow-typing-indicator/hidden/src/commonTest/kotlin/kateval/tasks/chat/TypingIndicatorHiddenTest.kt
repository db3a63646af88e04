package kateval.tasks.chat

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class TypingIndicatorHiddenTest {
    private fun TestScope.at(millis: Long) {
        advanceTimeBy(millis - testScheduler.currentTime)
        runCurrent()
    }

    @Test
    fun startsEmptyAndAddsAtOnce() = runTest {
        val indicator = TypingIndicator(backgroundScope)
        assertEquals(emptyList(), indicator.typing.value)
        indicator.onTyping("Ann")
        assertEquals(listOf("Ann"), indicator.typing.value)
    }

    @Test
    fun eachUserExpiresOnTheirOwnClock() = runTest {
        val indicator = TypingIndicator(backgroundScope)
        indicator.onTyping("Ann")
        at(1_000)
        indicator.onTyping("Bob")
        at(2_999)
        assertEquals(listOf("Ann", "Bob"), indicator.typing.value)
        at(3_000)
        assertEquals(listOf("Bob"), indicator.typing.value)
        at(3_999)
        assertEquals(listOf("Bob"), indicator.typing.value)
        at(4_000)
        assertEquals(emptyList(), indicator.typing.value)
    }

    @Test
    fun aRepeatedEventKeepsThePlaceAndRestartsOnlyThatTimer() = runTest {
        val indicator = TypingIndicator(backgroundScope, expireMillis = 1_000)
        indicator.onTyping("Ann")
        indicator.onTyping("Bob")
        at(600)
        indicator.onTyping("Ann")
        at(1_000)
        assertEquals(listOf("Ann"), indicator.typing.value)
        at(1_599)
        assertEquals(listOf("Ann"), indicator.typing.value)
        at(1_600)
        assertEquals(emptyList(), indicator.typing.value)
    }

    @Test
    fun aMessageEndsTypingAtOnceAndItsOldTimerIsGone() = runTest {
        val indicator = TypingIndicator(backgroundScope)
        indicator.onTyping("Ann")
        indicator.onTyping("Bob")
        at(1_000)
        indicator.onMessage("Ann")
        assertEquals(listOf("Bob"), indicator.typing.value)
        at(2_500)
        indicator.onTyping("Ann")
        assertEquals(listOf("Bob", "Ann"), indicator.typing.value)
        at(3_000)
        assertEquals(listOf("Ann"), indicator.typing.value)
        at(5_499)
        assertEquals(listOf("Ann"), indicator.typing.value)
        at(5_500)
        assertEquals(emptyList(), indicator.typing.value)
        indicator.onMessage("Cy")
        assertEquals(emptyList(), indicator.typing.value)
    }

    @Test
    fun labelsForOneToMany() = runTest {
        val indicator = TypingIndicator(backgroundScope)
        val labels = mutableListOf<String?>()
        backgroundScope.launch { indicator.label.collect { labels += it } }
        runCurrent()
        for (name in listOf("Ann", "Bob", "Cy", "Dee", "Eve")) {
            indicator.onTyping(name)
            runCurrent()
        }
        indicator.onMessage("Ann")
        runCurrent()
        assertEquals(listOf(null, "Ann is typing", "Ann and Bob are typing", "Ann, Bob and Cy are typing",
            "Ann, Bob and 2 others are typing", "Ann, Bob and 3 others are typing", "Bob, Cy and 2 others are typing"),
            labels)
    }

    @Test
    fun theLabelDoesNotRepeatItself() = runTest {
        val indicator = TypingIndicator(backgroundScope)
        val labels = mutableListOf<String?>()
        backgroundScope.launch { indicator.label.collect { labels += it } }
        runCurrent()
        indicator.onTyping("Ann")
        runCurrent()
        at(1_000)
        indicator.onTyping("Ann")
        runCurrent()
        indicator.onMessage("Bob")
        runCurrent()
        at(10_000)
        assertEquals(listOf(null, "Ann is typing", null), labels)
    }

    @Test
    fun cancellingTheScopeStopsTheTimers() = runTest {
        val scope = CoroutineScope(backgroundScope.coroutineContext + Job(backgroundScope.coroutineContext[Job]))
        val indicator = TypingIndicator(scope)
        indicator.onTyping("Ann")
        at(1_000)
        scope.cancel()
        at(60_000)
        assertEquals(listOf("Ann"), indicator.typing.value)
    }
}
