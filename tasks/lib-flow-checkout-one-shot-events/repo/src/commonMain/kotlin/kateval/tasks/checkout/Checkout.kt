package kateval.tasks.checkout

/** Places an order; returns its id, or throws with a message the user may read. */
fun interface OrderApi {
    suspend fun placeOrder(cartId: String): String
}

/** Things the screen must do once: navigate, or show a snackbar. */
sealed interface CheckoutEvent {
    data class OpenConfirmation(val orderId: String) : CheckoutEvent
    data class ShowError(val message: String) : CheckoutEvent
}

data class CheckoutState(val placing: Boolean = false, val ordersPlaced: Int = 0)
