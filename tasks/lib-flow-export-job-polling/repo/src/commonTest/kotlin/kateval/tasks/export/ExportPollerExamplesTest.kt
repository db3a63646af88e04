package kateval.tasks.export

import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class ExportPollerExamplesTest {
    @Test
    fun theExample() = runTest {
        val answers = ArrayDeque(listOf(JobStatus.Running(0), JobStatus.Running(0), JobStatus.Running(40), JobStatus.Done("https://x/e.zip")))
        val asked = mutableListOf<Long>()
        val poller = ExportPoller({ asked += testScheduler.currentTime; answers.removeFirst() })
        assertEquals(listOf(JobStatus.Running(0), JobStatus.Running(40), JobStatus.Done("https://x/e.zip")),
            poller.follow("job-1").toList())
        assertEquals(listOf(0L, 1_000L, 3_000L, 7_000L), asked)
    }
}
