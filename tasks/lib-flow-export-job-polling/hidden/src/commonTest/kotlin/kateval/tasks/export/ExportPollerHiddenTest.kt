package kateval.tasks.export

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class Offline(val attempt: Int, val code: Int) : RuntimeException("offline at call $attempt ($code)")

/** Answers from a script: a JobStatus, or null to throw Offline. Each call takes `latency` ms;
 * past the end of the script the last entry repeats. Records call times. */
class ScriptedApi(private val scope: TestScope, private val script: List<JobStatus?>, private val latency: Long = 0) : ExportApi {
    val asked = mutableListOf<Long>()
    var cancelled = false

    override suspend fun status(jobId: String): JobStatus {
        asked += scope.testScheduler.currentTime
        val entry = script[minOf(asked.size - 1, script.size - 1)]
        try {
            if (latency > 0) delay(latency)
        } catch (e: CancellationException) {
            cancelled = true
            throw e
        }
        return entry ?: throw Offline(asked.size, 503)
    }
}

private fun running(p: Int) = JobStatus.Running(p)

class ExportPollerHiddenTest {
    @Test
    fun intervalsDoubleUpToTheCap() = runTest {
        val api = ScriptedApi(this, List(7) { running(it) } + JobStatus.Done("u"))
        ExportPoller(api).follow("j").toList()
        assertEquals(listOf(0L, 1_000L, 3_000L, 7_000L, 15_000L, 23_000L, 31_000L, 39_000L), api.asked)
    }

    @Test
    fun intervalsAreTheConstructorArguments() = runTest {
        val api = ScriptedApi(this, List(4) { running(it) } + JobStatus.Done("u"))
        ExportPoller(api, firstIntervalMillis = 300, maxIntervalMillis = 1_000).follow("j").toList()
        assertEquals(listOf(0L, 300L, 900L, 1_900L, 2_900L), api.asked)
    }

    @Test
    fun intervalsCountFromTheEndOfEachCall() = runTest {
        val api = ScriptedApi(this, listOf(running(1), running(2), JobStatus.Done("u")), latency = 100)
        ExportPoller(api).follow("j").toList()
        assertEquals(listOf(0L, 1_100L, 3_200L), api.asked)
    }

    @Test
    fun repeatsAreNotEmittedButChangesBackAre() = runTest {
        val api = ScriptedApi(this, listOf(running(10), running(10), running(20), running(10), running(10),
            JobStatus.Failed("disk full"), JobStatus.Done("late")))
        assertEquals(listOf(running(10), running(20), running(10), JobStatus.Failed("disk full")),
            ExportPoller(api).follow("j").toList())
        assertEquals(6, api.asked.size)
    }

    @Test
    fun anImmediateEndIsOneCall() = runTest {
        val api = ScriptedApi(this, listOf(JobStatus.Done("ready")))
        assertEquals(listOf<JobStatus>(JobStatus.Done("ready")), ExportPoller(api).follow("j").toList())
        assertEquals(listOf(0L), api.asked)
        assertEquals(0L, testScheduler.currentTime)
    }

    @Test
    fun errorsAreSkippedAndTheIntervalStillGrows() = runTest {
        val api = ScriptedApi(this, listOf(running(1), null, null, running(2), null, null, JobStatus.Done("u")))
        assertEquals(listOf(running(1), running(2), JobStatus.Done("u")), ExportPoller(api).follow("j").toList())
        assertEquals(listOf(0L, 1_000L, 3_000L, 7_000L, 15_000L, 23_000L, 31_000L), api.asked)
    }

    @Test
    fun threeErrorsInARowEndTheFlowWithTheThird() = runTest {
        val api = ScriptedApi(this, listOf(running(1), null, null, null, JobStatus.Done("never")))
        val seen = mutableListOf<JobStatus>()
        val thrown = assertFailsWith<Offline> { ExportPoller(api).follow("j").collect { seen += it } }
        assertEquals(4, thrown.attempt)
        assertEquals(listOf<JobStatus>(running(1)), seen)
        assertEquals(7_000L, testScheduler.currentTime)
    }

    @Test
    fun theDeadlineCancelsTheCallInProgress() = runTest {
        val api = ScriptedApi(this, listOf(running(1)), latency = 2_000)
        val seen = mutableListOf<JobStatus>()
        assertFailsWith<ExportTimeoutException> {
            ExportPoller(api, deadlineMillis = 8_000).follow("j").collect { seen += it }
        }
        assertEquals(8_000L, testScheduler.currentTime)
        assertTrue(api.cancelled)
        assertEquals(listOf<JobStatus>(running(1)), seen)
        assertEquals(listOf(0L, 3_000L, 7_000L), api.asked)
    }

    @Test
    fun theDefaultDeadlineIsTwoMinutes() = runTest {
        val api = ScriptedApi(this, listOf(running(5)))
        assertFailsWith<ExportTimeoutException> { ExportPoller(api).follow("j").toList() }
        assertEquals(120_000L, testScheduler.currentTime)
    }

    @Test
    fun nothingHappensUntilCollected() = runTest {
        val api = ScriptedApi(this, listOf(JobStatus.Done("u")))
        val flow = ExportPoller(api).follow("j")
        delay(5_000)
        assertEquals(emptyList(), api.asked)
        flow.toList()
        assertEquals(listOf(5_000L), api.asked)
    }
}
