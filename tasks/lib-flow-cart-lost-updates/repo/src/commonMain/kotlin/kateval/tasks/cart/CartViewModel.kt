package kateval.tasks.cart

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.launch

class CartViewModel(
    private val prices: PriceService,
    private val scope: CoroutineScope,
) {
    private val mutableState = MutableStateFlow(CartState())
    val state: StateFlow<CartState> = mutableState

    fun add(sku: String) {
        mutableState.value = mutableState.value.copy(pending = mutableState.value.pending + 1)
        scope.launch {
            val current = mutableState.value
            val price = prices.priceOf(sku)
            val existing = current.lines.find { it.sku == sku }
            val lines = if (existing == null) {
                current.lines + CartLine(sku, 1, price)
            } else {
                current.lines.map { if (it.sku == sku) it.copy(quantity = it.quantity + 1) else it }
            }
            mutableState.value = current.copy(
                lines = lines,
                totalCents = lines.sumOf { it.quantity * it.unitPriceCents },
                pending = current.pending - 1,
                error = null,
            )
        }
    }

    fun remove(sku: String) {
        val current = mutableState.value
        val line = current.lines.find { it.sku == sku } ?: return
        val lines = current.lines.map { if (it.sku == sku) it.copy(quantity = it.quantity - 1) else it }
        mutableState.value = current.copy(lines = lines, totalCents = current.totalCents - line.unitPriceCents)
    }
}
