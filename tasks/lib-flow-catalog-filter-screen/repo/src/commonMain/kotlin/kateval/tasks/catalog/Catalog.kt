package kateval.tasks.catalog

import kotlinx.coroutines.flow.Flow

data class Product(val id: String, val name: String, val category: String, val priceCents: Long)

enum class SortOrder { NAME, PRICE_LOW_FIRST, PRICE_HIGH_FIRST }

/** What the catalog screen shows. */
data class CatalogUiState(
    val loading: Boolean = true,
    val query: String = "",
    val selectedCategories: Set<String> = emptySet(),
    val sort: SortOrder = SortOrder.NAME,
    val products: List<Product> = emptyList(),
    val categoryCounts: Map<String, Int> = emptyMap(),
)

/** The local database: `products()` emits the whole catalog now and again on every change. */
fun interface CatalogRepository {
    fun products(): Flow<List<Product>>
}
