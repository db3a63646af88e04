package kateval.tasks.pagingstate

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

class PagingReducerHiddenTest {
    data class Post(val id: Int, val title: String = "p$id")

    private fun step(s: PagingState<Post>, e: PagingEvent<Post>) = reducePaging(s, e) { it.id }

    private fun posts(vararg ids: Int) = ids.map { Post(it) }

    private fun loadedFirstPage(): PagingState<Post> {
        val s = step(PagingState(), PagingEvent.Refresh).state
        return step(s, PagingEvent.PageLoaded(1, null, posts(1, 2, 3), "k2")).state
    }

    @Test
    fun refreshStartsAGeneration() {
        val r = step(PagingState(), PagingEvent.Refresh)
        assertEquals(1, r.state.generation)
        assertEquals(LoadState.Loading, r.state.refresh)
        assertEquals(listOf<PagingEffect>(PagingEffect.Fetch(1, null)), r.effects)
    }

    @Test
    fun firstPageReplacesItems() {
        val s = loadedFirstPage()
        assertEquals(posts(1, 2, 3), s.items)
        assertEquals(LoadState.NotLoading, s.refresh)
        assertEquals("k2", s.nextKey)
        assertEquals(false, s.endReached)
        val again = step(step(s, PagingEvent.Refresh).state, PagingEvent.PageLoaded(2, null, posts(9), null)).state
        assertEquals(posts(9), again.items)
        assertEquals(true, again.endReached)
    }

    @Test
    fun refreshKeepsOldItemsVisibleAndCancelsAppend() {
        val appending = step(loadedFirstPage(), PagingEvent.LoadMore).state
        val r = step(appending, PagingEvent.Refresh)
        assertEquals(posts(1, 2, 3), r.state.items)
        assertEquals(LoadState.NotLoading, r.state.append)
        assertEquals(2, r.state.generation)
        // the append answer of generation 1 is now stale
        assertEquals(PagingResult(r.state), step(r.state, PagingEvent.PageLoaded(1, "k2", posts(4), "k3")))
    }

    @Test
    fun loadMoreAppendsAndDeduplicates() {
        val s = loadedFirstPage()
        val r = step(s, PagingEvent.LoadMore)
        assertEquals(LoadState.Loading, r.state.append)
        assertEquals(listOf<PagingEffect>(PagingEffect.Fetch(1, "k2")), r.effects)
        val done = step(r.state, PagingEvent.PageLoaded(1, "k2", listOf(Post(3, "dup"), Post(4), Post(4, "dup2"), Post(5)), "k3")).state
        assertEquals(posts(1, 2, 3, 4, 5), done.items)
        assertEquals("k3", done.nextKey)
        assertEquals(LoadState.NotLoading, done.append)
    }

    @Test
    fun firstPageDeduplicatesWithinItself() {
        val s = step(PagingState(), PagingEvent.Refresh).state
        val done = step(s, PagingEvent.PageLoaded(1, null, listOf(Post(1), Post(1, "again"), Post(2)), "n")).state
        assertEquals(listOf(Post(1), Post(2)), done.items)
    }

    @Test
    fun loadMoreIsGuarded() {
        val initial = PagingState<Post>()
        assertEquals(PagingResult(initial), step(initial, PagingEvent.LoadMore))
        val refreshing = step(loadedFirstPage(), PagingEvent.Refresh).state
        assertEquals(PagingResult(refreshing), step(refreshing, PagingEvent.LoadMore))
        val appending = step(loadedFirstPage(), PagingEvent.LoadMore).state
        assertEquals(PagingResult(appending), step(appending, PagingEvent.LoadMore))
        val end = step(appending, PagingEvent.PageLoaded(1, "k2", posts(4), null)).state
        assertTrue(end.endReached)
        assertEquals(PagingResult(end), step(end, PagingEvent.LoadMore))
    }

    @Test
    fun appendErrorNeedsRetry() {
        val appending = step(loadedFirstPage(), PagingEvent.LoadMore).state
        val failed = step(appending, PagingEvent.PageFailed(1, "k2", "offline")).state
        assertEquals(LoadState.Error("offline"), failed.append)
        assertEquals(posts(1, 2, 3), failed.items)
        assertEquals(PagingResult(failed), step(failed, PagingEvent.LoadMore))
        val retry = step(failed, PagingEvent.Retry)
        assertEquals(LoadState.Loading, retry.state.append)
        assertEquals(listOf<PagingEffect>(PagingEffect.Fetch(1, "k2")), retry.effects)
    }

    @Test
    fun refreshErrorRetriesAsRefresh() {
        val s = step(loadedFirstPage(), PagingEvent.Refresh).state
        val failed = step(s, PagingEvent.PageFailed(2, null, "500")).state
        assertEquals(LoadState.Error("500"), failed.refresh)
        assertEquals(posts(1, 2, 3), failed.items)
        val retry = step(failed, PagingEvent.Retry)
        assertEquals(3, retry.state.generation)
        assertEquals(LoadState.Loading, retry.state.refresh)
        assertEquals(listOf<PagingEffect>(PagingEffect.Fetch(3, null)), retry.effects)
    }

    @Test
    fun retryWithoutErrorIsIgnored() {
        val s = loadedFirstPage()
        assertEquals(PagingResult(s), step(s, PagingEvent.Retry))
    }

    @Test
    fun answersForOtherRequestsAreIgnored() {
        val appending = step(loadedFirstPage(), PagingEvent.LoadMore).state
        assertEquals(PagingResult(appending), step(appending, PagingEvent.PageLoaded(1, "k9", posts(7), null)))
        assertEquals(PagingResult(appending), step(appending, PagingEvent.PageLoaded(1, null, posts(7), null)))
        assertEquals(PagingResult(appending), step(appending, PagingEvent.PageFailed(0, "k2", "x")))
        val idle = loadedFirstPage()
        assertEquals(PagingResult(idle), step(idle, PagingEvent.PageLoaded(1, "k2", posts(4), null)))
        assertEquals(PagingResult(idle), step(idle, PagingEvent.PageFailed(1, null, "late")))
    }

    @Test
    fun refreshWhileRefreshingRestarts() {
        val s = step(PagingState(), PagingEvent.Refresh).state
        val r = step(s, PagingEvent.Refresh)
        assertEquals(2, r.state.generation)
        assertEquals(PagingResult(r.state), step(r.state, PagingEvent.PageLoaded(1, null, posts(1), null)))
        assertEquals(posts(5), step(r.state, PagingEvent.PageLoaded(2, null, posts(5), null)).state.items)
    }
}
