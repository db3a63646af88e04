package kateval.tasks.searchstate

/** Search-as-you-type logic. See instruction.md. */
class SearchMachine(private val debounceMillis: Long = 300, private val minLength: Int = 2) {
    var state: SearchState = SearchState()
        private set

    fun handle(event: SearchEvent): List<SearchEffect> {
        TODO("handle")
    }
}
