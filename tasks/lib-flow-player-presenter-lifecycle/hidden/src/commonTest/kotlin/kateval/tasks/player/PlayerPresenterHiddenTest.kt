package kateval.tasks.player

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.onCompletion
import kotlinx.coroutines.flow.onStart
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** Positions every 100 ms (the virtual time itself), the track from a state the test sets; a
 * seek takes `seekMillis`. Counts the collections running, and seeks started/finished. */
class FakePlayer(private val scope: TestScope, private val seekMillis: Long = 300) : Player {
    val track = MutableStateFlow(Track("Intro", 60_000))
    var positionCollectors = 0
    var trackCollectors = 0
    var positionsSent = 0
    val seeksStarted = mutableListOf<Long>()
    val seeksFinished = mutableListOf<Long>()
    val seeksCancelled = mutableListOf<Long>()

    override fun positions(): Flow<Long> = flow {
        while (true) {
            positionsSent++
            emit(scope.testScheduler.currentTime)
            delay(100)
        }
    }.onStart { positionCollectors++ }.onCompletion { positionCollectors-- }

    override fun tracks(): Flow<Track> = track.onStart { trackCollectors++ }.onCompletion { trackCollectors-- }

    override suspend fun seek(toMillis: Long) {
        seeksStarted += toMillis
        try {
            delay(seekMillis)
        } catch (e: CancellationException) {
            seeksCancelled += toMillis
            throw e
        }
        seeksFinished += toMillis
    }
}

class PlayerPresenterHiddenTest {
    private fun TestScope.at(millis: Long) {
        advanceTimeBy(millis - testScheduler.currentTime)
        runCurrent()
    }

    @Test
    fun startCollectsOnceEvenWhenCalledTwice() = runTest {
        val player = FakePlayer(this)
        val presenter = PlayerPresenter(player, backgroundScope)
        presenter.onStart()
        presenter.onStart()
        at(50)
        assertEquals(1, player.positionCollectors)
        assertEquals(1, player.trackCollectors)
        at(1_000)
        assertEquals(PlayerUi("Intro", 60_000, 1_000), presenter.state.value)
        assertEquals(11, player.positionsSent)
    }

    @Test
    fun stopStopsBothCollections() = runTest {
        val player = FakePlayer(this)
        val presenter = PlayerPresenter(player, backgroundScope)
        presenter.onStart()
        at(450)
        presenter.onStop()
        at(460)
        assertEquals(0, player.positionCollectors)
        assertEquals(0, player.trackCollectors)
        val sent = player.positionsSent
        at(10_000)
        assertEquals(sent, player.positionsSent)
        assertEquals(400, presenter.state.value.positionMillis)
        player.track.value = Track("Outro", 90_000)
        at(11_000)
        assertEquals("Intro", presenter.state.value.title)
    }

    @Test
    fun startAfterStopCollectsAgainOnce() = runTest {
        val player = FakePlayer(this)
        val presenter = PlayerPresenter(player, backgroundScope)
        repeat(3) {
            presenter.onStart()
            at(testScheduler.currentTime + 250)
            presenter.onStop()
            at(testScheduler.currentTime + 250)
        }
        presenter.onStart()
        at(2_000)
        assertEquals(1, player.positionCollectors)
        assertEquals(1, player.trackCollectors)
        player.track.value = Track("Outro", 90_000)
        at(2_050)
        assertEquals(PlayerUi("Outro", 90_000, 2_000), presenter.state.value)
        presenter.onStop()
        presenter.onStop()
        at(2_100)
        assertEquals(0, player.positionCollectors)
    }

    @Test
    fun aSeekShowsTheTargetAndHidesPlayerPositionsUntilItEnds() = runTest {
        val player = FakePlayer(this, seekMillis = 300)
        val presenter = PlayerPresenter(player, backgroundScope)
        presenter.onStart()
        at(1_050)
        presenter.seekTo(30_000)
        assertEquals(PlayerUi("Intro", 60_000, 30_000, seeking = true), presenter.state.value)
        at(1_349)
        assertEquals(PlayerUi("Intro", 60_000, 30_000, seeking = true), presenter.state.value)
        at(1_350)
        assertFalse(presenter.state.value.seeking)
        at(1_400)
        assertEquals(1_400, presenter.state.value.positionMillis)
    }

    @Test
    fun aNewSeekCancelsTheOldOne() = runTest {
        val player = FakePlayer(this, seekMillis = 300)
        val presenter = PlayerPresenter(player, backgroundScope)
        presenter.seekTo(10_000)
        at(100)
        presenter.seekTo(20_000)
        at(200)
        presenter.seekTo(30_000)
        at(350)
        assertTrue(presenter.state.value.seeking)
        assertEquals(30_000, presenter.state.value.positionMillis)
        at(499)
        assertTrue(presenter.state.value.seeking)
        at(500)
        assertFalse(presenter.state.value.seeking)
        assertEquals(listOf(10_000L, 20_000L, 30_000L), player.seeksStarted)
        assertEquals(listOf(30_000L), player.seeksFinished)
        assertEquals(listOf(10_000L, 20_000L), player.seeksCancelled)
    }

    @Test
    fun seekingWorksWhileStopped() = runTest {
        val player = FakePlayer(this, seekMillis = 100)
        val presenter = PlayerPresenter(player, backgroundScope)
        presenter.seekTo(5_000)
        at(1_000)
        assertEquals(PlayerUi(positionMillis = 5_000), presenter.state.value)
        assertEquals(listOf(5_000L), player.seeksFinished)
    }
}
