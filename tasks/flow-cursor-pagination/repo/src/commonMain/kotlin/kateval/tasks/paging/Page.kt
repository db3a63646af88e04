package kateval.tasks.paging

/** One page returned by a cursor-paginated API. [nextCursor] is null on the last page. */
data class Page<T>(val items: List<T>, val nextCursor: String?)

/** Thrown by [paginate] when fetching the page at [cursor] failed [attempts] times in a row. */
class PageFetchException(
    val cursor: String?,
    val attempts: Int,
    cause: Throwable,
) : Exception("Fetching page at cursor $cursor failed after $attempts attempt(s)", cause)
