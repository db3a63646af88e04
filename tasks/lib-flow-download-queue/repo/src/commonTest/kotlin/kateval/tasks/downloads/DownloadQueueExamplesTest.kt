package kateval.tasks.downloads

import kotlinx.coroutines.delay
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class DownloadQueueExamplesTest {
    @Test
    fun twoRunAndTheThirdWaits() = runTest {
        val queue = DownloadQueue({ _, _ -> delay(100) }, backgroundScope)
        for (id in listOf("a", "b", "c")) queue.enqueue(id)
        assertEquals(listOf(DownloadStatus.RUNNING, DownloadStatus.RUNNING, DownloadStatus.QUEUED),
            queue.items.value.map { it.status })
        advanceTimeBy(100)
        runCurrent()
        assertEquals(listOf(DownloadStatus.DONE, DownloadStatus.DONE, DownloadStatus.RUNNING),
            queue.items.value.map { it.status })
    }
}
