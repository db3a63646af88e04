package kateval.tasks.paging

/** One page of posts (ids) and the cursor of the next one; `null` when this is the last page. */
data class Page(val items: List<String>, val nextCursor: String?)

fun interface FeedApi {
    /** The page at `cursor`; `null` asks for the first page. */
    suspend fun load(cursor: String?): Page
}

/** What the feed screen shows. */
data class FeedState(
    val items: List<String> = emptyList(),
    val loading: Boolean = false,
    val refreshing: Boolean = false,
    val endReached: Boolean = false,
    val error: String? = null,
)
