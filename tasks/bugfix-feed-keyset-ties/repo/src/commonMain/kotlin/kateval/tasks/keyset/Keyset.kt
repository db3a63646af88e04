package kateval.tasks.keyset

/** The position just after a post in [FEED_ORDER]. */
data class Cursor(val createdAt: Long, val id: String)

fun cursorAfter(post: Post): Cursor = Cursor(post.createdAt, post.id)

/** Whether [post] comes strictly after [cursor] in [FEED_ORDER]. */
fun isAfter(post: Post, cursor: Cursor): Boolean {
    if (post.createdAt != cursor.createdAt) return post.createdAt < cursor.createdAt
    return post.id < cursor.id
}
