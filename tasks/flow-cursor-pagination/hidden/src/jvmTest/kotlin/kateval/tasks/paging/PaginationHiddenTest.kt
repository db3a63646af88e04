package kateval.tasks.paging

import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.coroutines.cancellation.CancellationException
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue

class PaginationHiddenTest {
    /** A fake API: cursor -> page, recording every fetch. */
    private class FakeApi<T>(private val pages: Map<String?, Page<T>>) {
        val calls = mutableListOf<String?>()
        val fetch: suspend (String?) -> Page<T> = { cursor ->
            calls += cursor
            pages[cursor] ?: error("no page for $cursor")
        }
    }

    private fun threePages() = FakeApi(
        mapOf(
            null to Page(listOf(1, 2), "c1"),
            "c1" to Page(emptyList(), "c2"),
            "c2" to Page(listOf(3, 4, 5), null),
        ),
    )

    @Test
    fun emitsAllItemsInOrderAcrossPages() = runBlocking {
        val api = threePages()
        assertEquals(listOf(1, 2, 3, 4, 5), paginate(fetch = api.fetch).toList())
        assertEquals(listOf(null, "c1", "c2"), api.calls)
    }

    @Test
    fun isColdAndFetchesLazily() = runBlocking {
        val api = threePages()
        val flow = paginate(fetch = api.fetch)
        assertTrue(api.calls.isEmpty())
        assertEquals(listOf(1, 2), flow.take(2).toList())
        assertEquals(listOf<String?>(null), api.calls)
        api.calls.clear()
        assertEquals(listOf(1, 2, 3), flow.take(3).toList())
        assertEquals(listOf(null, "c1", "c2"), api.calls)
    }

    @Test
    fun everyCollectionStartsFromTheFirstPage() = runBlocking {
        val api = threePages()
        val flow = paginate(fetch = api.fetch)
        flow.toList()
        flow.toList()
        assertEquals(listOf(null, "c1", "c2", null, "c1", "c2"), api.calls)
    }

    @Test
    fun failedFetchIsRetriedForTheSamePage() = runBlocking {
        val calls = mutableListOf<String?>()
        var failuresLeft = 2
        val flow = paginate(maxAttempts = 3) { cursor ->
            calls += cursor
            if (cursor == "next" && failuresLeft-- > 0) throw IllegalStateException("flaky")
            if (cursor == null) Page(listOf("a"), "next") else Page(listOf("b"), null)
        }
        assertEquals(listOf("a", "b"), flow.toList())
        assertEquals(listOf(null, "next", "next", "next"), calls)
    }

    @Test
    fun attemptsAreCountedPerPage() = runBlocking {
        val calls = mutableListOf<String?>()
        val failed = mutableSetOf<String?>()
        // every page fails exactly once before succeeding
        val flow = paginate(maxAttempts = 2) { cursor ->
            calls += cursor
            if (failed.add(cursor)) throw RuntimeException("once")
            when (cursor) {
                null -> Page(listOf(1), "p2")
                "p2" -> Page(listOf(2), "p3")
                else -> Page(listOf(3), null)
            }
        }
        assertEquals(listOf(1, 2, 3), flow.toList())
        assertEquals(listOf(null, null, "p2", "p2", "p3", "p3"), calls)
    }

    @Test
    fun exhaustedRetriesThrowPageFetchException() = runBlocking {
        var attempts = 0
        val received = mutableListOf<Int>()
        val flow = paginate(maxAttempts = 3) { cursor ->
            if (cursor == null) Page(listOf(1, 2), "broken")
            else {
                attempts++
                throw IllegalStateException("down #$attempts")
            }
        }
        val e = assertFailsWith<PageFetchException> { flow.collect { received += it } }
        assertEquals(listOf(1, 2), received)
        assertEquals("broken", e.cursor)
        assertEquals(3, e.attempts)
        assertEquals(3, attempts)
        assertIs<IllegalStateException>(e.cause)
        assertEquals("down #3", e.cause!!.message)
    }

    @Test
    fun singleAttemptMeansNoRetry() = runBlocking {
        var attempts = 0
        val flow = paginate<Int>(maxAttempts = 1) { attempts++; throw RuntimeException("no") }
        val e = assertFailsWith<PageFetchException> { flow.toList() }
        assertNull(e.cursor)
        assertEquals(1, e.attempts)
        assertEquals(1, attempts)
    }

    @Test
    fun cancellationIsNeverRetriedOrWrapped() = runBlocking {
        var attempts = 0
        val thrown = paginate<Int>(maxAttempts = 5) {
            attempts++
            throw CancellationException("stop")
        }
        val e = assertFailsWith<CancellationException> { thrown.toList() }
        assertEquals("stop", e.message)
        assertEquals(1, attempts)

        var slowAttempts = 0
        val slow = paginate(maxAttempts = 5) { cursor ->
            if (cursor == null) Page(listOf(1), "slow")
            else {
                slowAttempts++
                awaitCancellation()
            }
        }
        val got = mutableListOf<Int>()
        assertNull(withTimeoutOrNull(150) { slow.collect { got += it } })
        assertEquals(listOf(1), got)
        assertEquals(1, slowAttempts)
    }

    @Test
    fun cursorCycleIsDetected() = runBlocking {
        val api = FakeApi(
            mapOf(
                null to Page(listOf(1), "a"),
                "a" to Page(listOf(2), "b"),
                "b" to Page(listOf(3), "a"),
            ),
        )
        val received = mutableListOf<Int>()
        assertFailsWith<IllegalStateException> { paginate(fetch = api.fetch).collect { received += it } }
        assertEquals(listOf(1, 2, 3), received)
        assertEquals(listOf(null, "a", "b"), api.calls)

        val selfLoop = FakeApi(mapOf(null to Page(listOf(0), "x"), "x" to Page(emptyList<Int>(), "x")))
        assertFailsWith<IllegalStateException> { paginate(fetch = selfLoop.fetch).toList() }
        assertEquals(listOf(null, "x"), selfLoop.calls)
    }

    @Test
    fun invalidArgumentsFailEagerly() {
        assertFailsWith<IllegalArgumentException> { paginate<Int>(maxAttempts = 0) { Page(emptyList(), null) } }
        val source: Flow<Int> = flow { error("must not be collected") }
        assertFailsWith<IllegalArgumentException> { source.batched(0) }
    }

    @Test
    fun batchedGroupsItemsAcrossPageBoundaries() = runBlocking {
        val api = threePages()
        assertEquals(listOf(listOf(1, 2, 3), listOf(4, 5)), paginate(fetch = api.fetch).batched(3).toList())
        assertEquals(listOf(listOf(1, 2, 3, 4, 5)), paginate(fetch = threePages().fetch).batched(5).toList())
        assertEquals((1..5).map { listOf(it) }, paginate(fetch = threePages().fetch).batched(1).toList())
        assertEquals(emptyList(), flow<Int> { }.batched(4).toList())
    }

    @Test
    fun batchedDropsPartialBatchWhenUpstreamFails() = runBlocking {
        val received = mutableListOf<List<Int>>()
        val source = flow {
            emit(1); emit(2); emit(3)
            throw IllegalStateException("upstream broke")
        }
        val e = assertFailsWith<IllegalStateException> { source.batched(2).collect { received += it } }
        assertEquals("upstream broke", e.message)
        assertEquals(listOf(listOf(1, 2)), received)
    }

    @Test
    fun distinctByKeyRemovesDuplicatesAcrossPages() = runBlocking {
        data class User(val id: Int, val name: String)
        val api = FakeApi(
            mapOf(
                null to Page(listOf(User(1, "ann"), User(2, "bob")), "n"),
                "n" to Page(listOf(User(2, "bob (moved)"), User(3, "cy"), User(1, "ann again")), null),
            ),
        )
        val flow = paginate(fetch = api.fetch).distinctByKey { it.id }
        val expected = listOf(User(1, "ann"), User(2, "bob"), User(3, "cy"))
        assertEquals(expected, flow.toList())
        assertEquals(expected, flow.toList())
        assertEquals(listOf("a", "b"), flow { emit("a"); emit("A"); emit("b") }.distinctByKey { it.lowercase() }.toList())
    }
}
