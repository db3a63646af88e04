package kateval.tasks.paging

import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class FeedLoaderExamplesTest {
    @Test
    fun twoPagesToTheEnd() = runTest {
        val pages = mapOf<String?, Page>(null to Page(listOf("a", "b"), "c1"), "c1" to Page(listOf("b", "c"), null))
        val loader = FeedLoader({ pages.getValue(it) }, backgroundScope)
        loader.loadMore()
        runCurrent()
        loader.loadMore()
        runCurrent()
        assertEquals(FeedState(items = listOf("a", "b", "c"), endReached = true), loader.state.value)
    }
}
