package kateval.tasks.location

import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

private fun fix(n: Int, accuracy: Double = 5.0) = Fix(n.toDouble(), n.toDouble(), accuracy)

/** A GPS that emits fix(1), fix(2), ... every `period` ms while collected, and fails after
 * `failAfter` fixes of a run when set. Records when it was switched on and off. */
class FakeGps(
    private val scope: TestScope,
    private val period: Long = 1_000,
    private val failAfter: Int? = null,
    private val accuracy: (Int) -> Double = { 5.0 },
) : LocationSensor {
    val switchedOn = mutableListOf<Long>()
    val switchedOff = mutableListOf<Long>()
    var on = 0
    private var next = 1

    override fun fixes(): Flow<Fix> = flow {
        switchedOn += scope.testScheduler.currentTime
        on++
        try {
            var sent = 0
            while (true) {
                delay(period)
                val n = next++
                emit(fix(n, accuracy(n)))
                sent++
                if (failAfter != null && sent == failAfter) throw IllegalStateException("GPS lost")
            }
        } finally {
            on--
            switchedOff += scope.testScheduler.currentTime
        }
    }
}

class LocationTrackerHiddenTest {
    private fun TestScope.watch(flow: Flow<Fix>, into: MutableList<Pair<Long, Fix>>): Job {
        val job = backgroundScope.launch { flow.collect { into += testScheduler.currentTime to it } }
        runCurrent()
        return job
    }

    private fun TestScope.at(millis: Long) {
        advanceTimeBy(millis - testScheduler.currentTime)
        runCurrent()
    }

    @Test
    fun theGpsIsOffUntilSomeoneWatches() = runTest {
        val gps = FakeGps(this)
        val tracker = LocationTracker(gps, backgroundScope)
        at(10_000)
        assertEquals(emptyList(), gps.switchedOn)
        assertEquals(emptyList(), tracker.fixes.replayCache)
    }

    @Test
    fun oneCollectionForAllScreens() = runTest {
        val gps = FakeGps(this)
        val tracker = LocationTracker(gps, backgroundScope)
        val map = mutableListOf<Pair<Long, Fix>>()
        val run = mutableListOf<Pair<Long, Fix>>()
        watch(tracker.fixes, map)
        at(1_500)
        watch(tracker.fixes, run)
        at(3_000)
        assertEquals(listOf(0L), gps.switchedOn)
        assertEquals(1, gps.on)
        assertEquals(listOf(1_000L to fix(1), 2_000L to fix(2), 3_000L to fix(3)), map)
        assertEquals(listOf(1_500L to fix(1), 2_000L to fix(2), 3_000L to fix(3)), run)
    }

    @Test
    fun theGpsStopsTwoSecondsAfterTheLastScreenLeft() = runTest {
        val gps = FakeGps(this)
        val tracker = LocationTracker(gps, backgroundScope)
        val first = watch(tracker.fixes, mutableListOf())
        val second = watch(tracker.fixes, mutableListOf())
        at(5_000)
        first.cancel()
        at(9_000)
        assertEquals(1, gps.on)
        second.cancel()
        at(10_999)
        assertEquals(1, gps.on)
        at(11_000)
        assertEquals(0, gps.on)
        assertEquals(listOf(11_000L), gps.switchedOff)
    }

    @Test
    fun switchingScreensWithinTheGracePeriodKeepsTheGpsOn() = runTest {
        val gps = FakeGps(this)
        val tracker = LocationTracker(gps, backgroundScope)
        watch(tracker.fixes, mutableListOf()).cancel()
        at(1_900)
        val later = mutableListOf<Pair<Long, Fix>>()
        watch(tracker.fixes, later)
        at(10_000)
        assertEquals(listOf(0L), gps.switchedOn)
        assertEquals(emptyList(), gps.switchedOff)
        assertEquals(fix(1), later.first().second)
    }

    @Test
    fun theLastFixIsForgottenThirtySecondsAfterTheStop() = runTest {
        val gps = FakeGps(this)
        val tracker = LocationTracker(gps, backgroundScope)
        val screen = watch(tracker.fixes, mutableListOf())
        at(3_500)
        screen.cancel()
        at(5_500)
        assertEquals(listOf(5_500L), gps.switchedOff)
        at(35_499)
        assertEquals(listOf(fix(5)), tracker.fixes.replayCache) // fixes go on during the grace period
        at(35_500)
        assertEquals(emptyList(), tracker.fixes.replayCache)
        at(40_000)
        val late = mutableListOf<Pair<Long, Fix>>()
        watch(tracker.fixes, late)
        at(41_500)
        assertEquals(listOf(41_000L to fix(6)), late)
        assertEquals(listOf(0L, 40_000L), gps.switchedOn)
    }

    @Test
    fun aScreenOpenedAfterTheStopGetsTheLastFixAtOnce() = runTest {
        val gps = FakeGps(this)
        val tracker = LocationTracker(gps, backgroundScope)
        val screen = watch(tracker.fixes, mutableListOf())
        at(3_500)
        screen.cancel()
        at(20_000)
        val reopened = mutableListOf<Pair<Long, Fix>>()
        watch(tracker.fixes, reopened)
        at(21_000)
        assertEquals(listOf(20_000L to fix(5), 21_000L to fix(6)), reopened)
        assertEquals(listOf(0L, 20_000L), gps.switchedOn)
    }

    @Test
    fun aFailingReceiverIsRetriedAfterASecondWithoutTheScreensNoticing() = runTest {
        val gps = FakeGps(this, failAfter = 2)
        val tracker = LocationTracker(gps, backgroundScope)
        val seen = mutableListOf<Pair<Long, Fix>>()
        val job = watch(tracker.fixes, seen)
        at(2_000)
        assertEquals(listOf(2_000L), gps.switchedOff)
        at(2_999)
        assertEquals(listOf(0L), gps.switchedOn)
        assertEquals(listOf(fix(2)), tracker.fixes.replayCache)
        at(3_000)
        assertEquals(listOf(0L, 3_000L), gps.switchedOn)
        at(5_000)
        assertEquals(listOf(1_000L to fix(1), 2_000L to fix(2), 4_000L to fix(3), 5_000L to fix(4)), seen)
        assertTrue(job.isActive)
    }

    @Test
    fun noRetryOnceTheCollectionHasStopped() = runTest {
        val gps = FakeGps(this, period = 2_500, failAfter = 1)
        val tracker = LocationTracker(gps, backgroundScope)
        val screen = watch(tracker.fixes, mutableListOf())
        at(1_000)
        screen.cancel()
        at(32_999)
        assertEquals(listOf(0L), gps.switchedOn)
        assertEquals(listOf(2_500L), gps.switchedOff)
        assertEquals(listOf(fix(1)), tracker.fixes.replayCache)
        at(33_000)
        assertEquals(emptyList(), tracker.fixes.replayCache)
    }

    @Test
    fun accurateFixesLeaveOutTheRoughOnes() = runTest {
        val gps = FakeGps(this, accuracy = { n -> if (n % 2 == 0) 50.0 else 10.0 })
        val tracker = LocationTracker(gps, backgroundScope)
        val seen = mutableListOf<Pair<Long, Fix>>()
        watch(tracker.accurateFixes(10.0), seen)
        at(4_000)
        assertEquals(listOf(1_000L to fix(1, 10.0), 3_000L to fix(3, 10.0)), seen)
        val rough = mutableListOf<Pair<Long, Fix>>()
        watch(tracker.accurateFixes(49.9), rough)
        at(5_000)
        assertEquals(listOf(5_000L to fix(5, 10.0)), rough)
        assertEquals(listOf(0L), gps.switchedOn)
    }
}

