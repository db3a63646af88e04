package kateval.tasks.keyset

data class Post(val id: String, val createdAt: Long, val text: String)

/** Feed order: newest first; posts with the same [Post.createdAt] by ascending [Post.id]. */
val FEED_ORDER: Comparator<Post> = compareByDescending<Post> { it.createdAt }.thenBy { it.id }
