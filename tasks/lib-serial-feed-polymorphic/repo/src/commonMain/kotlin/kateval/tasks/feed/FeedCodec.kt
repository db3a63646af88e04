package kateval.tasks.feed

/** The feed's JSON wire format. See instruction.md. */
object FeedCodec {
    fun decode(json: String): FeedPage = TODO("read a page of the feed")

    fun encode(page: FeedPage): String = TODO("write a page of the feed")
}
