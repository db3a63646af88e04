package kateval.tasks.checkout

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/** The checkout screen's view-model. See instruction.md for the rules. */
class CheckoutViewModel(private val api: OrderApi, private val scope: CoroutineScope) {
    val state: StateFlow<CheckoutState>
        get() = TODO()

    val events: Flow<CheckoutEvent>
        get() = TODO()

    fun placeOrder(cartId: String) {
        TODO()
    }
}
