package kateval.tasks.searchstate

enum class Status { IDLE, TYPING, LOADING, SHOWING, ERROR }

data class SearchState(
    val text: String = "",
    val pendingQuery: String? = null,
    val dueAt: Long? = null,
    val inFlight: Int? = null,
    val lastQuery: String? = null,
    val nextRequestId: Int = 1,
    val results: List<String> = emptyList(),
    val error: String? = null,
    val status: Status = Status.IDLE,
)

sealed interface SearchEvent {
    data class TextChanged(val text: String, val now: Long) : SearchEvent
    data class Tick(val now: Long) : SearchEvent
    data object Submit : SearchEvent
    data class Results(val requestId: Int, val items: List<String>) : SearchEvent
    data class Failed(val requestId: Int, val message: String) : SearchEvent
    data object Clear : SearchEvent
}

sealed interface SearchEffect {
    data class StartSearch(val requestId: Int, val query: String) : SearchEffect
    data class CancelSearch(val requestId: Int) : SearchEffect
}

/** Trims [text] and collapses whitespace runs to a single space. */
fun normalize(text: String): String {
    val sb = StringBuilder()
    var space = false
    for (c in text.trim()) {
        if (c.isWhitespace()) space = true
        else {
            if (space) sb.append(' ')
            space = false
            sb.append(c)
        }
    }
    return sb.toString()
}
