package kateval.tasks.paging

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.StateFlow

/** Loads the feed page by page in [scope]. See instruction.md for the rules. */
class FeedLoader(private val api: FeedApi, private val scope: CoroutineScope) {
    val state: StateFlow<FeedState>
        get() = TODO()

    fun loadMore() {
        TODO()
    }

    fun refresh() {
        TODO()
    }
}
