package kateval.tasks.search

/** What the search screen shows. */
data class SearchState(
    val text: String = "",
    val loading: Boolean = false,
    val results: List<String> = emptyList(),
    val error: String? = null,
)

/** The backend that answers a query with the names of matching products. */
fun interface SearchBackend {
    suspend fun search(query: String): List<String>
}
