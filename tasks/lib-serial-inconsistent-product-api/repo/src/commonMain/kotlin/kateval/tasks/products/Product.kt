package kateval.tasks.products

import kotlinx.serialization.Serializable

@Serializable
data class Product(
    val id: String,
    val name: String,
    val tags: List<String> = emptyList(),
    val images: List<String> = emptyList(),
)
