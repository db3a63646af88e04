package kateval.tasks.cartpromo

data class Product(val sku: String, val priceCents: Long, val category: String)

data class CartLine(val product: Product, val quantity: Int)

sealed interface Promotion {
    val id: String

    data class BuyXGetY(override val id: String, val sku: String, val buy: Int, val free: Int) : Promotion
    data class Bundle(override val id: String, val skus: Set<String>, val bundlePriceCents: Long) : Promotion
    data class PercentOffCategory(override val id: String, val category: String, val percent: Int) : Promotion
    data class AmountOffOver(override val id: String, val thresholdCents: Long, val amountCents: Long) : Promotion
}

data class AppliedDiscount(val promotionId: String, val cents: Long)

data class Receipt(val subtotalCents: Long, val discounts: List<AppliedDiscount>, val totalCents: Long)

data class CartState(
    val lines: List<CartLine> = emptyList(),
    val appliedCodes: List<String> = emptyList(),
    val receipt: Receipt = Receipt(0, emptyList(), 0),
    val message: String? = null,
)

sealed interface CartAction {
    data class Add(val product: Product, val quantity: Int = 1) : CartAction
    data class SetQuantity(val sku: String, val quantity: Int) : CartAction
    data class Remove(val sku: String) : CartAction
    data class ApplyCode(val code: String) : CartAction
    data class RemoveCode(val code: String) : CartAction
}
