package kateval.tasks.catalog

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.StateFlow

/** The catalog screen's state holder. See instruction.md for the rules. */
class CatalogViewModel(repository: CatalogRepository, scope: CoroutineScope) {
    val state: StateFlow<CatalogUiState>
        get() = TODO("combine the catalog with the screen's filters")

    fun setQuery(text: String) {
        TODO()
    }

    fun toggleCategory(category: String) {
        TODO()
    }

    fun setSort(order: SortOrder) {
        TODO()
    }
}
