package kateval.tasks.live

import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class LiveLinkExamplesTest {
    @Test
    fun twoRefusalsThenOnline() = runTest {
        val opened = mutableListOf<Long>()
        val connector = Connector {
            opened += testScheduler.currentTime
            delay(100)
            if (opened.size < 3) throw IllegalStateException("refused")
            Session { awaitCancellation() }
        }
        val link = LiveLink(connector, flowOf(true), backgroundScope)
        advanceTimeBy(5_000)
        runCurrent()
        assertEquals(listOf(0L, 1_100L, 3_200L), opened)
        assertEquals(LinkState.Online, link.state.value)
    }
}
