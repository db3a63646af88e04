package kateval.tasks.live

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

/** One scripted `open()`: it takes `openMillis`, then fails (`refuse`) or gives a session that
 * stays open `sessionMillis` (forever when null) and then closes, normally or broken. */
data class Attempt(val openMillis: Long = 100, val refuse: Boolean = false, val sessionMillis: Long? = null,
                   val breaks: Boolean = false)

class FakeServer(private val scope: TestScope, private val script: List<Attempt>) : Connector {
    val opened = mutableListOf<Long>()
    val cancelled = mutableListOf<String>()

    override suspend fun open(): Session {
        opened += scope.testScheduler.currentTime
        val attempt = script[minOf(opened.size - 1, script.size - 1)]
        try {
            delay(attempt.openMillis)
        } catch (e: CancellationException) {
            cancelled += "open"
            throw e
        }
        if (attempt.refuse) throw IllegalStateException("refused")
        return Session {
            try {
                val length = attempt.sessionMillis
                if (length == null) awaitCancellation() else delay(length)
            } catch (e: CancellationException) {
                cancelled += "session"
                throw e
            }
            if (attempt.breaks) throw IllegalStateException("connection reset")
        }
    }
}

class LiveLinkHiddenTest {
    private fun TestScope.record(link: LiveLink): MutableList<Pair<Long, LinkState>> {
        val seen = mutableListOf<Pair<Long, LinkState>>()
        backgroundScope.launch { link.state.collect { seen += testScheduler.currentTime to it } }
        runCurrent()
        return seen
    }

    private fun TestScope.at(millis: Long) {
        advanceTimeBy(millis - testScheduler.currentTime)
        runCurrent()
    }

    @Test
    fun nothingIsOpenedWhileOffline() = runTest {
        val server = FakeServer(this, listOf(Attempt()))
        val network = MutableStateFlow(false)
        val link = LiveLink(server, network, backgroundScope)
        at(60_000)
        assertEquals(LinkState.Offline, link.state.value)
        assertEquals(emptyList(), server.opened)
    }

    @Test
    fun comingOnlineOpensAtOnce() = runTest {
        val server = FakeServer(this, listOf(Attempt(openMillis = 250)))
        val network = MutableStateFlow(false)
        val link = LiveLink(server, network, backgroundScope)
        val seen = record(link)
        at(1_000)
        network.value = true
        at(1_249)
        assertEquals(LinkState.Connecting(1), link.state.value)
        at(1_250)
        assertEquals(listOf(1_000L), server.opened)
        assertEquals(listOf(0L to LinkState.Offline, 1_000L to LinkState.Connecting(1), 1_250L to LinkState.Online), seen)
    }

    @Test
    fun refusalsBackOffExponentiallyUpToTheCap() = runTest {
        val server = FakeServer(this, listOf(Attempt(refuse = true)))
        LiveLink(server, MutableStateFlow(true), backgroundScope, baseDelayMillis = 500, maxDelayMillis = 3_000)
        at(20_000)
        assertEquals(listOf(0L, 600L, 1_700L, 3_800L, 6_900L, 10_000L, 13_100L, 16_200L, 19_300L), server.opened)
    }

    @Test
    fun waitingShowsTheNextAttemptAndTheDelay() = runTest {
        val server = FakeServer(this, listOf(Attempt(refuse = true)))
        val link = LiveLink(server, MutableStateFlow(true), backgroundScope)
        val seen = record(link)
        at(3_200)
        assertEquals(listOf(0L to LinkState.Connecting(1), 100L to LinkState.Waiting(2, 1_000), 1_100L to LinkState.Connecting(2),
            1_200L to LinkState.Waiting(3, 2_000), 3_200L to LinkState.Connecting(3)), seen.filter { it.second != LinkState.Offline })
    }

    @Test
    fun aShortSessionCountsAsAFailureInTheSameRun() = runTest {
        val server = FakeServer(this, listOf(Attempt(refuse = true), Attempt(sessionMillis = 5_000), Attempt(refuse = true),
            Attempt(sessionMillis = null)))
        val link = LiveLink(server, MutableStateFlow(true), backgroundScope)
        val seen = record(link)
        at(30_000)
        assertEquals(listOf(0L, 1_100L, 8_200L, 12_300L), server.opened)
        assertEquals(6_200L to LinkState.Waiting(3, 2_000), seen.first { it.second == LinkState.Waiting(3, 2_000) })
    }

    @Test
    fun aBrokenSessionIsAFailureToo() = runTest {
        val server = FakeServer(this, listOf(Attempt(sessionMillis = 300, breaks = true), Attempt(sessionMillis = null)))
        val link = LiveLink(server, MutableStateFlow(true), backgroundScope)
        at(399)
        assertEquals(LinkState.Online, link.state.value)
        at(400)
        assertEquals(LinkState.Waiting(2, 1_000), link.state.value)
        at(1_500)
        assertEquals(LinkState.Online, link.state.value)
        assertEquals(listOf(0L, 1_400L), server.opened)
    }

    @Test
    fun aStableSessionStartsTheRunAgain() = runTest {
        val server = FakeServer(this, listOf(Attempt(refuse = true), Attempt(refuse = true), Attempt(sessionMillis = 12_000),
            Attempt(sessionMillis = null)))
        val link = LiveLink(server, MutableStateFlow(true), backgroundScope)
        val seen = record(link)
        at(60_000)
        assertEquals(listOf(0L, 1_100L, 3_200L, 16_300L), server.opened)
        assertEquals(15_300L to LinkState.Waiting(2, 1_000), seen.first { it.first == 15_300L })
    }

    @Test
    fun stabilityIsTheConstructorArgument() = runTest {
        val server = FakeServer(this, listOf(Attempt(refuse = true), Attempt(sessionMillis = 4_000), Attempt(sessionMillis = null)))
        val link = LiveLink(server, MutableStateFlow(true), backgroundScope, stableAfterMillis = 3_999)
        record(link)
        at(30_000)
        assertEquals(listOf(0L, 1_100L, 6_200L), server.opened)
    }

    @Test
    fun goingOfflineCancelsEverythingAndComingBackStartsFresh() = runTest {
        val server = FakeServer(this, listOf(Attempt(refuse = true), Attempt(refuse = true), Attempt(openMillis = 500),
            Attempt(sessionMillis = null)))
        val network = MutableStateFlow(true)
        val link = LiveLink(server, network, backgroundScope)
        at(1_500)
        assertEquals(LinkState.Waiting(3, 2_000), link.state.value)
        network.value = false
        at(1_501)
        assertEquals(LinkState.Offline, link.state.value)
        at(10_000)
        assertEquals(listOf(0L, 1_100L), server.opened)
        network.value = true
        at(10_100)
        assertEquals(LinkState.Connecting(1), link.state.value)
        network.value = false
        at(10_200)
        assertEquals(listOf("open"), server.cancelled)
        network.value = true
        at(10_300)
        at(20_000)
        assertEquals(LinkState.Online, link.state.value)
        network.value = false
        at(20_001)
        assertEquals(listOf("open", "session"), server.cancelled)
        assertEquals(LinkState.Offline, link.state.value)
    }

    @Test
    fun repeatingTheSameConnectivityChangesNothing() = runTest {
        val server = FakeServer(this, listOf(Attempt(sessionMillis = null)))
        val network = MutableStateFlow(true)
        val link = LiveLink(server, network, backgroundScope)
        at(500)
        network.value = true
        at(1_000)
        assertEquals(listOf(0L), server.opened)
        assertEquals(LinkState.Online, link.state.value)
    }

    @Test
    fun cancellingTheScopeStopsEverything() = runTest {
        val scope = CoroutineScope(backgroundScope.coroutineContext + Job(backgroundScope.coroutineContext[Job]))
        val server = FakeServer(this, listOf(Attempt(refuse = true)))
        LiveLink(server, MutableStateFlow(true), scope)
        at(500)
        scope.cancel()
        at(60_000)
        assertEquals(listOf(0L), server.opened)
    }
}
