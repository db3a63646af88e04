package kateval.tasks.hedge

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertSame
import kotlin.test.assertTrue

/** Two constructor arguments that are not (message, cause): kotlinx.coroutines' stack-trace
 * recovery (on under -ea) cannot copy it, so the very instance thrown is the one caught. */
class ReplicaDown(val replica: String, val status: Int) : RuntimeException("$replica down ($status)")

/** A replica that answers `value` (or throws `failure`) after `latency` ms, and records when
 * it was called, whether it finished and whether it was cancelled. */
class FakeReplica(
    private val scope: TestScope,
    private val latency: Long,
    private val value: String = "ok",
    private val failure: Throwable? = null,
) {
    var calledAt: Long? = null
    var finished = false
    var cancelled = false

    val call: suspend () -> String = {
        calledAt = scope.testScheduler.currentTime
        try {
            delay(latency)
        } catch (e: CancellationException) {
            cancelled = true
            throw e
        }
        finished = true
        failure?.let { throw it }
        value
    }
}

class HedgedHiddenTest {
    @Test
    fun aFastPrimaryNeverCallsTheBackup() = runTest {
        val primary = FakeReplica(this, 99, "p")
        val backup = FakeReplica(this, 10, "b")
        assertEquals(Hedged("p", Replica.PRIMARY), hedgedCall(100, primary.call, backup.call))
        assertEquals(null, backup.calledAt)
        assertEquals(99L, testScheduler.currentTime)
    }

    @Test
    fun theBackupIsCalledExactlyAtTheHedgeDelay() = runTest {
        val primary = FakeReplica(this, 1_000, "p")
        val backup = FakeReplica(this, 10, "b")
        assertEquals(Hedged("b", Replica.BACKUP), hedgedCall(250, primary.call, backup.call))
        assertEquals(250L, backup.calledAt)
        assertEquals(260L, testScheduler.currentTime)
        assertTrue(primary.cancelled)
    }

    @Test
    fun aSlowPrimaryCanStillWinAfterTheBackupStarted() = runTest {
        val primary = FakeReplica(this, 150, "p")
        val backup = FakeReplica(this, 500, "b")
        assertEquals(Hedged("p", Replica.PRIMARY), hedgedCall(100, primary.call, backup.call))
        assertEquals(100L, backup.calledAt)
        assertTrue(backup.cancelled)
        assertEquals(150L, testScheduler.currentTime)
    }

    @Test
    fun anEarlyPrimaryFailureCallsTheBackupAtOnce() = runTest {
        val primary = FakeReplica(this, 20, failure = ReplicaDown("primary", 503))
        val backup = FakeReplica(this, 30, "b")
        assertEquals(Hedged("b", Replica.BACKUP), hedgedCall(1_000, primary.call, backup.call))
        assertEquals(20L, backup.calledAt)
        assertEquals(50L, testScheduler.currentTime)
    }

    @Test
    fun aLateFailureWaitsForTheOtherCall() = runTest {
        val primary = FakeReplica(this, 200, failure = ReplicaDown("primary", 503))
        val backup = FakeReplica(this, 400, "b")
        assertEquals(Hedged("b", Replica.BACKUP), hedgedCall(100, primary.call, backup.call))
        assertEquals(500L, testScheduler.currentTime)
        assertTrue(backup.finished)
    }

    @Test
    fun aBackupFailureWaitsForThePrimary() = runTest {
        val primary = FakeReplica(this, 700, "p")
        val backup = FakeReplica(this, 10, failure = ReplicaDown("backup", 500))
        assertEquals(Hedged("p", Replica.PRIMARY), hedgedCall(100, primary.call, backup.call))
        assertEquals(700L, testScheduler.currentTime)
    }

    @Test
    fun bothFailingThrowsThePrimarysWithTheBackupsSuppressed() = runTest {
        val primaryFailure = ReplicaDown("primary", 503)
        val backupFailure = ReplicaDown("backup", 500)
        val primary = FakeReplica(this, 300, failure = primaryFailure)
        val backup = FakeReplica(this, 10, failure = backupFailure)
        val thrown = assertFailsWith<ReplicaDown> { hedgedCall(100, primary.call, backup.call) }
        assertSame(primaryFailure, thrown)
        assertEquals(listOf<Throwable>(backupFailure), thrown.suppressedExceptions)
        assertEquals(300L, testScheduler.currentTime)
    }

    @Test
    fun bothFailingEarlyAlsoReportsThePrimarys() = runTest {
        val primaryFailure = ReplicaDown("primary", 503)
        val backupFailure = ReplicaDown("backup", 500)
        val thrown = assertFailsWith<ReplicaDown> {
            hedgedCall(100, FakeReplica(this, 10, failure = primaryFailure).call,
                FakeReplica(this, 10, failure = backupFailure).call)
        }
        assertSame(primaryFailure, thrown)
        assertEquals(listOf<Throwable>(backupFailure), thrown.suppressedExceptions)
        assertEquals(20L, testScheduler.currentTime)
    }

    @Test
    fun cancellingTheCallerCancelsBothCalls() = runTest {
        val primary = FakeReplica(this, 1_000, "p")
        val backup = FakeReplica(this, 1_000, "b")
        val call = async { hedgedCall(100, primary.call, backup.call) }
        advanceTimeBy(500)
        call.cancel()
        runCurrent()
        assertTrue(primary.cancelled)
        assertTrue(backup.cancelled)
        advanceTimeBy(10_000)
        assertEquals(false, primary.finished || backup.finished)
    }
}
