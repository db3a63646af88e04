package kateval.tasks.checkout

enum class Step { CART, ADDRESS, SHIPPING, PAYMENT, REVIEW }

data class Draft(
    val items: Map<String, Int> = emptyMap(),
    val address: String? = null,
    val shippingId: String? = null,
    val paymentToken: String? = null,
)

data class ShippingOption(val id: String, val priceCents: Long)

data class CheckoutState(
    val step: Step = Step.CART,
    val draft: Draft = Draft(),
    val shippingOptions: List<ShippingOption> = emptyList(),
    val loadingShipping: Boolean = false,
    val requestSeq: Int = 0,
    val placing: Boolean = false,
    val error: String? = null,
    val orderId: String? = null,
)

sealed interface Intent {
    data class SetQuantity(val sku: String, val qty: Int) : Intent
    data class EnterAddress(val text: String) : Intent
    data class EnterPayment(val token: String) : Intent
    data object Next : Intent
    data object Back : Intent
    data class ShippingLoaded(val requestId: Int, val options: List<ShippingOption>) : Intent
    data class ShippingFailed(val requestId: Int, val message: String) : Intent
    data class SelectShipping(val id: String) : Intent
    data object PlaceOrder : Intent
    data class OrderPlaced(val orderId: String) : Intent
    data class OrderFailed(val message: String) : Intent
}

sealed interface Effect {
    data class LoadShipping(val requestId: Int, val address: String) : Effect
    data class SubmitOrder(val draft: Draft) : Effect
    data class ShowMessage(val text: String) : Effect
    data class NavigateToConfirmation(val orderId: String) : Effect
}

data class Next(val state: CheckoutState, val effects: List<Effect> = emptyList())
