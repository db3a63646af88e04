package kateval.tasks.keyset

/** Loads the whole feed page by page (at most [maxPages] requests). */
class FeedRepository(private val source: PostSource, private val pageSize: Int, private val maxPages: Int = 50) {
    fun loadAll(): List<Post> {
        val out = mutableListOf<Post>()
        var cursor: Cursor? = null
        repeat(maxPages) {
            val page = source.page(cursor, pageSize)
            out += page.posts
            cursor = page.next ?: return out
        }
        return out
    }
}
