package kateval.tasks.chat

import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class TypingIndicatorExamplesTest {
    @Test
    fun aRepeatedEventExtendsTheExpiry() = runTest {
        val indicator = TypingIndicator(backgroundScope)
        indicator.onTyping("Ann")
        advanceTimeBy(2_000)
        indicator.onTyping("Ann")
        advanceTimeBy(2_999)
        assertEquals(listOf("Ann"), indicator.typing.value)
        advanceTimeBy(1)
        runCurrent()
        assertEquals(emptyList(), indicator.typing.value)
    }
}
