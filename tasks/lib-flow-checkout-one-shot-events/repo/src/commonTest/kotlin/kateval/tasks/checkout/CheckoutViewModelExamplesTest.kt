package kateval.tasks.checkout

import kotlinx.coroutines.flow.first
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class CheckoutViewModelExamplesTest {
    @Test
    fun aPlacedOrderOpensTheConfirmation() = runTest {
        val viewModel = CheckoutViewModel({ cart -> "order-for-$cart" }, backgroundScope)
        viewModel.placeOrder("c1")
        assertEquals(CheckoutEvent.OpenConfirmation("order-for-c1"), viewModel.events.first())
        assertEquals(CheckoutState(ordersPlaced = 1), viewModel.state.value)
    }
}
