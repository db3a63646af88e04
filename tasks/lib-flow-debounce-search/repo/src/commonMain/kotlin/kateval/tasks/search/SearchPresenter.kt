package kateval.tasks.search

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.StateFlow

/**
 * Holds the search screen's state. See instruction.md for the rules.
 */
class SearchPresenter(
    private val backend: SearchBackend,
    scope: CoroutineScope,
    private val quietMillis: Long = 300,
) {
    val state: StateFlow<SearchState>
        get() = TODO("expose the screen's state")

    fun onQueryChanged(text: String) {
        TODO("record the text and search once it settles")
    }
}
