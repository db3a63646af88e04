package kateval.tasks.cart

/** One line of the cart: a product, how many, and the unit price it was first added at. */
data class CartLine(val sku: String, val quantity: Int, val unitPriceCents: Long)

/** What the cart screen shows. `pending` counts the additions still waiting for a price. */
data class CartState(
    val lines: List<CartLine> = emptyList(),
    val totalCents: Long = 0,
    val pending: Int = 0,
    val error: String? = null,
)

/** Looks up a product's current unit price (a network call). */
fun interface PriceService {
    suspend fun priceOf(sku: String): Long
}
