package kateval.tasks.keyset

data class FeedPage(val posts: List<Post>, val next: Cursor?)

/** Serves [posts] in [FEED_ORDER], [limit] at a time, starting after [after] (or at the top). */
class PostSource(posts: List<Post>) {
    private val sorted = posts.sortedWith(FEED_ORDER)
    var requests = 0
        private set

    fun page(after: Cursor?, limit: Int): FeedPage {
        require(limit > 0) { "limit must be positive" }
        requests++
        val rest = if (after == null) sorted else sorted.filter { isAfter(it, after) }
        val posts = rest.take(limit)
        val next = if (rest.size > limit) cursorAfter(posts.last()) else null
        return FeedPage(posts, next)
    }
}
