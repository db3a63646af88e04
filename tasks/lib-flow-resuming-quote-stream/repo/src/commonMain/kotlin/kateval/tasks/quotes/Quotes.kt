package kateval.tasks.quotes

/** One price update. `seq` grows by at least one per update of the whole feed. */
data class Quote(val seq: Long, val symbol: String, val priceCents: Long)

/**
 * The server's quote feed. `open(afterSeq)` connects and streams the quotes after `afterSeq`
 * (every quote when it is null). The stream throws when the connection drops, and completes
 * when the server closes the feed for the day. After a resume the server may send again a few
 * quotes the client already has.
 */
fun interface QuoteSource {
    fun open(afterSeq: Long?): kotlinx.coroutines.flow.Flow<Quote>
}

/** How a dropped feed is re-opened. See instruction.md. */
data class StreamBackoff(
    val initialMillis: Long = 1_000,
    val maxMillis: Long = 30_000,
    val maxConsecutiveFailures: Int = 5,
)
