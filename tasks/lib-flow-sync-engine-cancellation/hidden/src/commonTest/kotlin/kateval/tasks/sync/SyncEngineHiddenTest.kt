package kateval.tasks.sync

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/** Each collection takes `durations[name]` ms (100 by default) and then answers its name's
 * length, or throws `errors[name]`. Records starts (name to time), finishes and cancellations. */
class FakeRemote(
    private val scope: TestScope,
    private val durations: Map<String, Long> = emptyMap(),
    private val errors: Map<String, Exception> = emptyMap(),
) : RemoteStore {
    val started = mutableListOf<Pair<String, Long>>()
    val cancelled = mutableListOf<String>()
    var running = 0
    var mostAtOnce = 0

    override suspend fun pull(collection: String): Int {
        started += collection to scope.testScheduler.currentTime
        running++
        mostAtOnce = maxOf(mostAtOnce, running)
        try {
            delay(durations[collection] ?: 100)
        } catch (e: CancellationException) {
            cancelled += collection
            throw e
        } finally {
            running--
        }
        errors[collection]?.let { throw it }
        return collection.length
    }
}

class SyncEngineHiddenTest {
    private val five = listOf("contacts", "notes", "photos", "tags", "calendar")

    @Test
    fun startsIdle() = runTest {
        assertEquals(SyncStatus(), SyncEngine(FakeRemote(this), backgroundScope).status.value)
    }

    @Test
    fun runningWhileTheRunGoes() = runTest {
        val engine = SyncEngine(FakeRemote(this), backgroundScope)
        engine.syncAll(listOf("notes"))
        advanceTimeBy(50)
        assertEquals(SyncStatus(running = true), engine.status.value)
        advanceTimeBy(100)
        assertEquals(SyncStatus(done = mapOf("notes" to 5)), engine.status.value)
    }

    @Test
    fun theNextPullStartsWhenAnyRunningOneEnds() = runTest {
        val remote = FakeRemote(this, durations = mapOf("contacts" to 300, "notes" to 50, "photos" to 100,
            "tags" to 500, "calendar" to 10))
        SyncEngine(remote, backgroundScope).syncAll(five).join()
        assertEquals(listOf("contacts" to 0L, "notes" to 0L, "photos" to 50L, "tags" to 150L, "calendar" to 300L),
            remote.started)
        assertEquals(2, remote.mostAtOnce)
    }

    @Test
    fun maxParallelIsTheConstructorArgument() = runTest {
        val remote = FakeRemote(this)
        SyncEngine(remote, backgroundScope, maxParallel = 3).syncAll(five).join()
        assertEquals(listOf(0L, 0L, 0L, 100L, 100L), remote.started.map { it.second })
        assertEquals(3, remote.mostAtOnce)
    }

    @Test
    fun duplicatesArePulledOnce() = runTest {
        val remote = FakeRemote(this)
        val engine = SyncEngine(remote, backgroundScope)
        engine.syncAll(listOf("notes", "tags", "notes")).join()
        assertEquals(listOf("notes", "tags"), remote.started.map { it.first })
        assertEquals(mapOf("notes" to 5, "tags" to 4), engine.status.value.done)
    }

    @Test
    fun failuresAreRecordedAndTheOthersGoOn() = runTest {
        val remote = FakeRemote(this, errors = mapOf("notes" to IllegalStateException("HTTP 500"),
            "photos" to RuntimeException()))
        val engine = SyncEngine(remote, backgroundScope)
        engine.syncAll(five).join()
        assertEquals(SyncStatus(done = mapOf("contacts" to 8, "tags" to 4, "calendar" to 8),
            failed = mapOf("notes" to "HTTP 500", "photos" to "failed")), engine.status.value)
    }

    @Test
    fun aHangingPullTimesOutWithoutHoldingUpTheOthers() = runTest {
        val remote = FakeRemote(this, durations = mapOf("photos" to 60_000))
        val engine = SyncEngine(remote, backgroundScope, timeoutMillis = 1_000)
        engine.syncAll(listOf("photos", "notes", "tags")).join()
        assertEquals(SyncStatus(done = mapOf("notes" to 5, "tags" to 4), failed = mapOf("photos" to "timed out")),
            engine.status.value)
        assertEquals(listOf("photos"), remote.cancelled)
        assertEquals(1_000L, testScheduler.currentTime)
    }

    @Test
    fun theDefaultTimeoutIsTenSeconds() = runTest {
        val remote = FakeRemote(this, durations = mapOf("photos" to 10_001, "notes" to 9_999))
        val engine = SyncEngine(remote, backgroundScope)
        engine.syncAll(listOf("photos", "notes")).join()
        assertEquals(SyncStatus(done = mapOf("notes" to 5), failed = mapOf("photos" to "timed out")),
            engine.status.value)
    }

    @Test
    fun anExpiredSessionStopsTheWholeRun() = runTest {
        val remote = FakeRemote(this, durations = mapOf("contacts" to 500, "notes" to 50, "photos" to 100),
            errors = mapOf("photos" to AuthExpiredException("session expired")))
        val engine = SyncEngine(remote, backgroundScope)
        engine.syncAll(five).join()
        assertEquals(SyncStatus(done = mapOf("notes" to 5), fatal = "session expired"), engine.status.value)
        assertEquals(listOf("contacts", "notes", "photos"), remote.started.map { it.first })
        assertEquals(listOf("contacts"), remote.cancelled)
        assertEquals(150L, testScheduler.currentTime)
        advanceTimeBy(60_000)
        assertEquals(3, remote.started.size)
    }

    @Test
    fun stopCancelsTheRunAndKeepsWhatWasDone() = runTest {
        val remote = FakeRemote(this, durations = mapOf("contacts" to 50, "notes" to 1_000, "photos" to 1_000))
        val engine = SyncEngine(remote, backgroundScope)
        engine.syncAll(five)
        advanceTimeBy(500)
        engine.stop()
        advanceTimeBy(60_000)
        assertEquals(SyncStatus(done = mapOf("contacts" to 8)), engine.status.value)
        assertEquals(listOf("notes", "photos"), remote.cancelled.sorted())
        assertEquals(3, remote.started.size)
        engine.stop()
    }

    @Test
    fun aNewRunCancelsTheOldOneFirst() = runTest {
        val remote = FakeRemote(this, durations = mapOf("photos" to 1_000))
        val engine = SyncEngine(remote, backgroundScope)
        engine.syncAll(listOf("notes", "photos"))
        advanceTimeBy(500)
        assertEquals(mapOf("notes" to 5), engine.status.value.done)
        val second = engine.syncAll(listOf("tags"))
        runCurrent()
        assertEquals(listOf("photos"), remote.cancelled)
        assertEquals(SyncStatus(running = true), engine.status.value)
        assertEquals(1, remote.running)
        second.join()
        assertEquals(SyncStatus(done = mapOf("tags" to 4)), engine.status.value)
    }

    @Test
    fun cancellingTheScopeEndsTheRun() = runTest {
        val scope = CoroutineScope(backgroundScope.coroutineContext + Job(backgroundScope.coroutineContext[Job]))
        val remote = FakeRemote(this)
        val engine = SyncEngine(remote, scope)
        engine.syncAll(five)
        advanceTimeBy(150)
        scope.cancel()
        advanceTimeBy(60_000)
        assertEquals(SyncStatus(done = mapOf("contacts" to 8, "notes" to 5)), engine.status.value)
        assertTrue(remote.started.size == 4)
    }
}
