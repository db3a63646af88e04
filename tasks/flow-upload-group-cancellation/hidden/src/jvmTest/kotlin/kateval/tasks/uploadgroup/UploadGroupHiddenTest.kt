package kateval.tasks.uploadgroup

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import java.io.IOException
import kotlin.test.*

class UploadGroupHiddenTest {
    private fun test(block: suspend kotlinx.coroutines.CoroutineScope.() -> Unit) = runBlocking { withTimeout(10_000) { block() } }
    private val discarded = mutableListOf<String>()
    private val discard: suspend (String) -> Unit = { delay(5); discarded += it }

    @Test
    fun rejectsBadTimeout() = test {
        assertFailsWith<IllegalArgumentException> { uploadAll(listOf("a"), 0, {}, discard) }
    }

    @Test
    fun emptyAlbumSucceeds() = test {
        assertEquals(UploadReport(emptyList(), null, null, false), uploadAll(emptyList(), 100, {}, discard))
    }

    @Test
    fun allUploadsSucceed() = test {
        val r = uploadAll(listOf("a", "b", "c"), 5_000, { delay(20) }, discard)
        assertEquals(UploadReport(listOf("a", "b", "c"), null, null, false), r)
        assertEquals(emptyList(), discarded)
    }

    @Test
    fun uploadsRunConcurrently() = test {
        val start = System.nanoTime()
        uploadAll((1..10).map { "f$it" }, 5_000, { delay(300) }, discard)
        val ms = (System.nanoTime() - start) / 1_000_000
        assertTrue(ms < 2_000, "10 uploads of 300 ms took $ms ms")
    }

    @Test
    fun failureCancelsOthersAndDiscardsUploaded() = test {
        val cancelled = mutableListOf<String>()
        val r = uploadAll(listOf("a", "b", "c", "d"), 5_000, { f ->
            when (f) {
                "a", "c" -> delay(10)
                "b" -> { delay(100); throw IOException("disk quota") }
                else -> try { delay(5_000) } catch (e: CancellationException) { cancelled += f; throw e }
            }
        }, discard)
        assertEquals("b", r.failed)
        assertEquals("disk quota", r.error?.message)
        assertTrue(r.error is IOException)
        assertFalse(r.timedOut)
        assertEquals(listOf("a", "c"), r.uploaded)
        assertEquals(listOf("d"), cancelled)
        assertEquals(listOf("a", "c"), discarded)
    }

    @Test
    fun firstFailureWins() = test {
        val r = uploadAll(listOf("x", "y"), 5_000, { f ->
            if (f == "y") { delay(10); throw IllegalStateException("y broke") }
            delay(200); throw IllegalStateException("x broke")
        }, discard)
        assertEquals("y", r.failed)
        assertEquals("y broke", r.error?.message)
    }

    @Test
    fun timeoutCancelsAndDiscards() = test {
        val r = uploadAll(listOf("fast", "slow"), 300, { f -> if (f == "fast") delay(10) else delay(5_000) }, discard)
        assertEquals(UploadReport(listOf("fast"), null, null, true), r)
        assertEquals(listOf("fast"), discarded)
    }

    @Test
    fun discardRunsInFilesOrderAfterUploadsStopped() = test {
        val events = mutableListOf<String>()
        uploadAll(listOf("p", "q", "r", "s"), 5_000, { f ->
            when (f) {
                "r" -> delay(5)
                "p" -> delay(30)
                "q" -> { delay(60); throw RuntimeException("q") }
                else -> try { delay(5_000) } finally { events += "stopped $f" }
            }
        }, { f -> delay(1); events += "discard $f" })
        assertEquals(listOf("stopped s", "discard p", "discard r"), events)
    }

    @Test
    fun callerCancellationDiscardsAndPropagates() = test {
        val uploadedA = CompletableDeferred<Unit>()
        var result: UploadReport? = null
        val job = launch {
            result = uploadAll(listOf("a", "b"), 5_000, { f ->
                if (f == "a") uploadedA.complete(Unit) else awaitCancellation()
            }, discard)
        }
        uploadedA.await()
        delay(50)
        job.cancel()
        job.join()
        assertNull(result)
        assertEquals(listOf("a"), discarded)
    }
}
