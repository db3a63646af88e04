package kateval.tasks.pagemerge

data class FeedItem(val id: String, val updatedAt: Long, val title: String)

data class Page(val items: List<FeedItem>, val nextCursor: String?)

/** A feed assembled from cursor pages; see instruction.md. */
class PagedFeed {
    val items: List<FeedItem> get() = TODO()
    var nextCursor: String? = null
        private set
    var endReached: Boolean = false
        private set

    fun append(page: Page, requestedCursor: String?): Boolean {
        TODO()
    }

    fun refresh(page: Page) {
        TODO()
    }
}
