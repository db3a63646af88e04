package kateval.tasks.downloads

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

/** Each download reports 25, 50 and 75 percent, `step` ms apart, and ends `step` ms after the
 * last report (4 * step in all); ids in `failing` throw at the end. Records starts and
 * cancellations. */
class FakeDownloader(
    private val scope: TestScope,
    private val steps: Map<String, Long> = emptyMap(),
    private val failing: Map<String, Exception> = emptyMap(),
) : Downloader {
    val started = mutableListOf<Pair<String, Long>>()
    val cancelled = mutableListOf<String>()

    override suspend fun download(id: String, onProgress: (Int) -> Unit) {
        started += id to scope.testScheduler.currentTime
        val step = steps[id] ?: 100
        try {
            for (percent in listOf(25, 50, 75)) {
                delay(step)
                onProgress(percent)
            }
            delay(step)
        } catch (e: CancellationException) {
            cancelled += id
            throw e
        }
        failing[id]?.let { throw it }
    }
}

private fun row(id: String, status: DownloadStatus, progress: Int = 0, error: String? = null) =
    DownloadItem(id, status, progress, error)

class DownloadQueueHiddenTest {
    private fun TestScope.at(millis: Long) {
        advanceTimeBy(millis - testScheduler.currentTime)
        runCurrent()
    }

    @Test
    fun startsEmptyAndStartsAtOnce() = runTest {
        val queue = DownloadQueue(FakeDownloader(this), backgroundScope)
        assertEquals(emptyList(), queue.items.value)
        queue.enqueue("a")
        assertEquals(listOf(row("a", DownloadStatus.RUNNING)), queue.items.value)
    }

    @Test
    fun progressIsReportedAndDoneIsAHundred() = runTest {
        val queue = DownloadQueue(FakeDownloader(this), backgroundScope)
        queue.enqueue("a")
        at(150)
        assertEquals(listOf(row("a", DownloadStatus.RUNNING, 25)), queue.items.value)
        at(300)
        assertEquals(listOf(row("a", DownloadStatus.RUNNING, 75)), queue.items.value)
        at(400)
        assertEquals(listOf(row("a", DownloadStatus.DONE, 100)), queue.items.value)
    }

    @Test
    fun progressIsClamped() = runTest {
        val queue = DownloadQueue({ _, report -> report(-5); delay(10); report(140); delay(10) }, backgroundScope)
        queue.enqueue("a")
        at(0)
        assertEquals(0, queue.items.value.single().progress)
        at(10)
        assertEquals(100, queue.items.value.single().progress)
    }

    @Test
    fun slotsAreFilledInEnqueueOrderAsTheyFree() = runTest {
        val downloader = FakeDownloader(this, steps = mapOf("a" to 100, "b" to 25, "c" to 50, "d" to 10))
        val queue = DownloadQueue(downloader, backgroundScope)
        for (id in listOf("a", "b", "c", "d")) queue.enqueue(id)
        at(10_000)
        assertEquals(listOf("a" to 0L, "b" to 0L, "c" to 100L, "d" to 300L), downloader.started)
    }

    @Test
    fun maxParallelIsTheConstructorArgument() = runTest {
        val downloader = FakeDownloader(this)
        val queue = DownloadQueue(downloader, backgroundScope, maxParallel = 3)
        for (id in listOf("a", "b", "c", "d")) queue.enqueue(id)
        assertEquals(3, queue.items.value.count { it.status == DownloadStatus.RUNNING })
        at(10_000)
        assertEquals(listOf(0L, 0L, 0L, 400L), downloader.started.map { it.second })
    }

    @Test
    fun enqueueingAnActiveIdDoesNothing() = runTest {
        val downloader = FakeDownloader(this)
        val queue = DownloadQueue(downloader, backgroundScope, maxParallel = 1)
        queue.enqueue("a")
        queue.enqueue("b")
        at(150)
        queue.enqueue("a")
        queue.enqueue("b")
        assertEquals(listOf(row("a", DownloadStatus.RUNNING, 25), row("b", DownloadStatus.QUEUED)), queue.items.value)
        at(10_000)
        assertEquals(listOf("a", "b"), downloader.started.map { it.first })
    }

    @Test
    fun failuresAreShownAndFreeTheSlot() = runTest {
        val downloader = FakeDownloader(this, failing = mapOf("a" to IllegalStateException("HTTP 404"),
            "b" to RuntimeException()))
        val queue = DownloadQueue(downloader, backgroundScope, maxParallel = 1)
        for (id in listOf("a", "b", "c")) queue.enqueue(id)
        at(10_000)
        assertEquals(listOf(row("a", DownloadStatus.FAILED, 75, "HTTP 404"), row("b", DownloadStatus.FAILED, 75, "failed"),
            row("c", DownloadStatus.DONE, 100)), queue.items.value)
        assertEquals(listOf(0L, 400L, 800L), downloader.started.map { it.second })
    }

    @Test
    fun aFinishedRowIsQueuedAgainAtTheEnd() = runTest {
        val downloader = FakeDownloader(this, failing = mapOf("a" to IllegalStateException("HTTP 500")))
        val queue = DownloadQueue(downloader, backgroundScope, maxParallel = 1)
        queue.enqueue("a")
        queue.enqueue("b")
        at(150)
        queue.enqueue("c")
        at(400)
        queue.enqueue("a")
        assertEquals(listOf(row("b", DownloadStatus.RUNNING), row("c", DownloadStatus.QUEUED), row("a", DownloadStatus.QUEUED)),
            queue.items.value)
        at(10_000)
        assertEquals(listOf("a", "b", "c", "a"), downloader.started.map { it.first })
    }

    @Test
    fun cancellingAQueuedRowMeansItNeverStarts() = runTest {
        val downloader = FakeDownloader(this)
        val queue = DownloadQueue(downloader, backgroundScope, maxParallel = 1)
        for (id in listOf("a", "b", "c")) queue.enqueue(id)
        queue.cancel("b")
        assertEquals(row("b", DownloadStatus.CANCELLED), queue.items.value[1])
        at(10_000)
        assertEquals(listOf("a" to 0L, "c" to 400L), downloader.started)
    }

    @Test
    fun cancellingARunningRowStopsItAndFreesItsSlot() = runTest {
        val downloader = FakeDownloader(this)
        val queue = DownloadQueue(downloader, backgroundScope, maxParallel = 1)
        queue.enqueue("a")
        queue.enqueue("b")
        at(250)
        queue.cancel("a")
        assertEquals(row("a", DownloadStatus.CANCELLED, 50), queue.items.value[0])
        runCurrent()
        assertEquals(listOf("a"), downloader.cancelled)
        assertEquals(listOf("a" to 0L, "b" to 250L), downloader.started)
        at(10_000)
        assertEquals(listOf(row("a", DownloadStatus.CANCELLED, 50), row("b", DownloadStatus.DONE, 100)), queue.items.value)
        queue.cancel("a")
        queue.cancel("b")
        queue.cancel("zzz")
        assertEquals(listOf(row("a", DownloadStatus.CANCELLED, 50), row("b", DownloadStatus.DONE, 100)), queue.items.value)
    }

    @Test
    fun aCancelledRowCanBeQueuedAgainRightAway() = runTest {
        val downloader = FakeDownloader(this)
        val queue = DownloadQueue(downloader, backgroundScope, maxParallel = 1)
        queue.enqueue("a")
        at(150)
        queue.cancel("a")
        queue.enqueue("a")
        at(10_000)
        assertEquals(listOf(row("a", DownloadStatus.DONE, 100)), queue.items.value)
        assertEquals(listOf("a" to 0L, "a" to 150L), downloader.started)
    }

    @Test
    fun nothingStartsAfterTheScopeIsCancelled() = runTest {
        val scope = CoroutineScope(backgroundScope.coroutineContext + Job(backgroundScope.coroutineContext[Job]))
        val downloader = FakeDownloader(this)
        val queue = DownloadQueue(downloader, scope, maxParallel = 1)
        queue.enqueue("a")
        queue.enqueue("b")
        at(150)
        scope.cancel()
        at(10_000)
        queue.enqueue("c")
        at(20_000)
        assertEquals(listOf("a"), downloader.started.map { it.first })
    }
}
