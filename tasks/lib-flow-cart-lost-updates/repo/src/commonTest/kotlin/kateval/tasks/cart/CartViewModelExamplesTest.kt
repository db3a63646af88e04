package kateval.tasks.cart

import kotlinx.coroutines.delay
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class CartViewModelExamplesTest {
    @Test
    fun oneProductIsAddedWithItsPrice() = runTest {
        val cart = CartViewModel({ delay(100); 250 }, backgroundScope)
        cart.add("tea")
        assertEquals(CartState(pending = 1), cart.state.value)
        advanceTimeBy(100)
        runCurrent()
        assertEquals(CartState(lines = listOf(CartLine("tea", 1, 250)), totalCents = 250), cart.state.value)
    }
}
