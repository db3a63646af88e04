package kateval.tasks.feed

/** One entry of the activity feed. */
sealed interface FeedItem {
    val id: String
}

data class Comment(
    override val id: String,
    val author: String,
    val text: String,
    val edited: Boolean = false,
) : FeedItem

data class Reaction(
    override val id: String,
    val author: String,
    val emoji: String = "👍",
) : FeedItem

data class Follow(
    override val id: String,
    val follower: String,
    val followee: String,
) : FeedItem

/** An entry of a kind this version of the app does not know: shown as "update the app". */
data class Unsupported(override val id: String, val kind: String) : FeedItem

/** One page of the feed, as decoded: `skipped` counts the entries that could not be read. */
data class FeedPage(
    val items: List<FeedItem>,
    val next: String? = null,
    val skipped: Int = 0,
)
