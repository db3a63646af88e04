package kateval.tasks.paging

import kotlinx.coroutines.delay
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

/** Serves `pages` by cursor after `latency` ms; throws for cursors listed in `failures`
 * (each listed failure is used once). Records every cursor asked for. */
class FakeFeed(
    private val pages: Map<String?, Page>,
    private val latency: Long = 100,
    failures: List<String?> = emptyList(),
) : FeedApi {
    val asked = mutableListOf<String?>()
    var offline = false
    private val failuresLeft = failures.toMutableList()

    override suspend fun load(cursor: String?): Page {
        asked += cursor
        delay(latency)
        if (offline) throw IllegalStateException("offline")
        if (failuresLeft.remove(cursor)) throw IllegalStateException("HTTP 502 at $cursor")
        return pages.getValue(cursor)
    }
}

private val PAGES = mapOf<String?, Page>(
    null to Page(listOf("p1", "p2", "p3"), "c2"),
    "c2" to Page(listOf("p3", "p4", "p4", "p5"), "c3"),
    "c3" to Page(listOf("p6"), null),
)

class FeedLoaderHiddenTest {
    private fun TestScope.settle() {
        advanceTimeBy(60_000)
        runCurrent()
    }

    @Test
    fun startsEmpty() = runTest {
        assertEquals(FeedState(), FeedLoader(FakeFeed(PAGES), backgroundScope).state.value)
    }

    @Test
    fun pagesAreAppendedWithoutDuplicatesUntilTheEnd() = runTest {
        val api = FakeFeed(PAGES)
        val loader = FeedLoader(api, backgroundScope)
        loader.loadMore()
        assertEquals(FeedState(loading = true), loader.state.value)
        settle()
        assertEquals(FeedState(items = listOf("p1", "p2", "p3")), loader.state.value)
        loader.loadMore()
        settle()
        assertEquals(listOf("p1", "p2", "p3", "p4", "p5"), loader.state.value.items)
        loader.loadMore()
        settle()
        assertEquals(FeedState(items = listOf("p1", "p2", "p3", "p4", "p5", "p6"), endReached = true), loader.state.value)
        loader.loadMore()
        settle()
        assertEquals(listOf<String?>(null, "c2", "c3"), api.asked)
    }

    @Test
    fun loadMoreWhileLoadingIsIgnored() = runTest {
        val api = FakeFeed(PAGES)
        val loader = FeedLoader(api, backgroundScope)
        loader.loadMore()
        advanceTimeBy(50)
        loader.loadMore()
        loader.loadMore()
        settle()
        assertEquals(listOf<String?>(null), api.asked)
        assertEquals(3, loader.state.value.items.size)
    }

    @Test
    fun aFailedPageIsAskedForAgain() = runTest {
        val api = FakeFeed(PAGES, failures = listOf("c2"))
        val loader = FeedLoader(api, backgroundScope)
        loader.loadMore()
        settle()
        loader.loadMore()
        settle()
        assertEquals(FeedState(items = listOf("p1", "p2", "p3"), error = "HTTP 502 at c2"), loader.state.value)
        loader.loadMore()
        assertEquals(FeedState(items = listOf("p1", "p2", "p3"), loading = true), loader.state.value)
        settle()
        assertEquals(listOf<String?>(null, "c2", "c2"), api.asked)
        assertEquals(FeedState(items = listOf("p1", "p2", "p3", "p4", "p5")), loader.state.value)
    }

    @Test
    fun aFailureWithoutMessage() = runTest {
        val loader = FeedLoader({ throw RuntimeException() }, backgroundScope)
        loader.loadMore()
        settle()
        assertEquals(FeedState(error = "failed"), loader.state.value)
    }

    @Test
    fun refreshReplacesTheListAndResetsTheEnd() = runTest {
        val pages = PAGES.toMutableMap()
        val api = FakeFeed(pages)
        val loader = FeedLoader(api, backgroundScope)
        repeat(3) { loader.loadMore(); settle() }
        assertEquals(true, loader.state.value.endReached)
        pages[null] = Page(listOf("n1", "p1", "n1"), "c2")
        loader.refresh()
        assertEquals(FeedState(items = listOf("p1", "p2", "p3", "p4", "p5", "p6"), refreshing = true, endReached = true),
            loader.state.value)
        settle()
        assertEquals(FeedState(items = listOf("n1", "p1")), loader.state.value)
        loader.loadMore()
        settle()
        assertEquals(listOf("n1", "p1", "p3", "p4", "p5"), loader.state.value.items)
        assertEquals("c2", api.asked.last())
    }

    @Test
    fun refreshCancelsARunningLoad() = runTest {
        val pages = PAGES.toMutableMap()
        val loader = FeedLoader(FakeFeed(pages, latency = 1_000), backgroundScope)
        loader.loadMore()
        settle()
        loader.loadMore()
        advanceTimeBy(500)
        pages[null] = Page(listOf("fresh"), "c9")
        loader.refresh()
        assertEquals(FeedState(items = listOf("p1", "p2", "p3"), refreshing = true), loader.state.value)
        settle()
        assertEquals(FeedState(items = listOf("fresh")), loader.state.value)
    }

    @Test
    fun loadMoreDuringRefreshIsIgnoredAndASecondRefreshWins() = runTest {
        val pages = PAGES.toMutableMap()
        val api = FakeFeed(pages, latency = 1_000)
        val loader = FeedLoader(api, backgroundScope)
        loader.refresh()
        advanceTimeBy(200)
        loader.loadMore()
        pages[null] = Page(listOf("second"), null)
        loader.refresh()
        runCurrent()
        assertEquals(FeedState(refreshing = true), loader.state.value)
        loader.loadMore()
        runCurrent()
        assertEquals(FeedState(refreshing = true), loader.state.value)
        settle()
        assertEquals(listOf<String?>(null, null), api.asked)
        assertEquals(FeedState(items = listOf("second"), endReached = true), loader.state.value)
    }

    @Test
    fun aFailedRefreshKeepsEverything() = runTest {
        val api = FakeFeed(PAGES, failures = listOf(null))
        val loader = FeedLoader(api, backgroundScope)
        loader.loadMore()
        runCurrent()
        loader.refresh()
        settle()
        assertEquals(FeedState(error = "HTTP 502 at null"), loader.state.value)
        loader.refresh()
        settle()
        loader.loadMore()
        settle()
        assertEquals(FeedState(items = listOf("p1", "p2", "p3", "p4", "p5")), loader.state.value)
        assertEquals(listOf<String?>(null, null, null, "c2"), api.asked)
    }

    @Test
    fun aFailedRefreshKeepsTheOldCursorAndEnd() = runTest {
        val api = FakeFeed(PAGES)
        val loader = FeedLoader(api, backgroundScope)
        repeat(2) { loader.loadMore(); settle() }
        api.offline = true
        loader.refresh()
        settle()
        assertEquals(FeedState(items = listOf("p1", "p2", "p3", "p4", "p5"), error = "offline"), loader.state.value)
        api.offline = false
        loader.loadMore()
        settle()
        assertEquals(listOf<String?>(null, "c2", null, "c3"), api.asked)
        assertEquals(FeedState(items = listOf("p1", "p2", "p3", "p4", "p5", "p6"), endReached = true), loader.state.value)
    }

    @Test
    fun aFailedRefreshAtTheEndStaysAtTheEnd() = runTest {
        val api = FakeFeed(PAGES)
        val loader = FeedLoader(api, backgroundScope)
        repeat(3) { loader.loadMore(); settle() }
        api.offline = true
        loader.refresh()
        settle()
        assertEquals(true, loader.state.value.endReached)
        loader.loadMore()
        settle()
        assertEquals(4, api.asked.size)
    }
}
