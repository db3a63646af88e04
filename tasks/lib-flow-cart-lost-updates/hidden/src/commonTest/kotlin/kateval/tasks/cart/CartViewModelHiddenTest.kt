package kateval.tasks.cart

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

/** Prices with a latency per product; products in `failing` throw after their latency. */
class FakePrices(
    private val prices: Map<String, Long>,
    private val latency: Map<String, Long> = emptyMap(),
    private val failing: Set<String> = emptySet(),
) : PriceService {
    override suspend fun priceOf(sku: String): Long {
        delay(latency[sku] ?: 10)
        if (sku in failing) throw IllegalStateException("HTTP 503")
        return prices.getValue(sku)
    }
}

class CartViewModelHiddenTest {
    private val catalog = mapOf("tea" to 250L, "mug" to 900L, "honey" to 480L)

    private fun TestScope.settle() {
        advanceTimeBy(10_000)
        runCurrent()
    }

    @Test
    fun overlappingAdditionsAreAllKept() = runTest {
        val cart = CartViewModel(FakePrices(catalog, latency = mapOf("tea" to 300, "mug" to 100)), backgroundScope)
        cart.add("tea")
        cart.add("mug")
        assertEquals(2, cart.state.value.pending)
        advanceTimeBy(101)
        assertEquals(CartState(lines = listOf(CartLine("mug", 1, 900)), totalCents = 900, pending = 1),
            cart.state.value)
        settle()
        assertEquals(CartState(lines = listOf(CartLine("mug", 1, 900), CartLine("tea", 1, 250)), totalCents = 1150),
            cart.state.value)
    }

    @Test
    fun theSameProductAddedTwiceAtOnceCountsTwice() = runTest {
        val cart = CartViewModel(FakePrices(catalog), backgroundScope)
        cart.add("honey")
        cart.add("honey")
        cart.add("tea")
        settle()
        assertEquals(CartState(lines = listOf(CartLine("honey", 2, 480), CartLine("tea", 1, 250)), totalCents = 1210),
            cart.state.value)
    }

    @Test
    fun anExistingLineKeepsItsFirstPrice() = runTest {
        var price = 250L
        val cart = CartViewModel({ delay(10); price }, backgroundScope)
        cart.add("tea")
        settle()
        price = 300
        cart.add("tea")
        settle()
        assertEquals(CartState(lines = listOf(CartLine("tea", 2, 250)), totalCents = 500), cart.state.value)
    }

    @Test
    fun aFailedLookupIsAnErrorAndTheCartKeepsWorking() = runTest {
        val cart = CartViewModel(FakePrices(catalog, failing = setOf("mug")), backgroundScope)
        cart.add("tea")
        settle()
        cart.add("mug")
        settle()
        assertEquals(CartState(lines = listOf(CartLine("tea", 1, 250)), totalCents = 250, error = "price unavailable: mug"),
            cart.state.value)
        cart.add("honey")
        settle()
        assertEquals(CartState(lines = listOf(CartLine("tea", 1, 250), CartLine("honey", 1, 480)), totalCents = 730),
            cart.state.value)
    }

    @Test
    fun aFailureWhileOthersArePendingKeepsTheirCount() = runTest {
        val cart = CartViewModel(FakePrices(catalog, latency = mapOf("tea" to 500, "mug" to 50), failing = setOf("mug")),
            backgroundScope)
        cart.add("tea")
        cart.add("mug")
        advanceTimeBy(100)
        assertEquals(CartState(pending = 1, error = "price unavailable: mug"), cart.state.value)
        settle()
        assertEquals(CartState(lines = listOf(CartLine("tea", 1, 250)), totalCents = 250), cart.state.value)
    }

    @Test
    fun removingTheLastUnitRemovesTheLine() = runTest {
        val cart = CartViewModel(FakePrices(catalog), backgroundScope)
        cart.add("tea")
        cart.add("tea")
        cart.add("mug")
        settle()
        cart.remove("tea")
        assertEquals(CartState(lines = listOf(CartLine("tea", 1, 250), CartLine("mug", 1, 900)), totalCents = 1150),
            cart.state.value)
        cart.remove("tea")
        assertEquals(CartState(lines = listOf(CartLine("mug", 1, 900)), totalCents = 900), cart.state.value)
        cart.remove("tea")
        cart.remove("honey")
        assertEquals(CartState(lines = listOf(CartLine("mug", 1, 900)), totalCents = 900), cart.state.value)
    }

    @Test
    fun aRemovalWhileAPriceIsPendingIsKept() = runTest {
        val cart = CartViewModel(FakePrices(catalog, latency = mapOf("mug" to 1_000)), backgroundScope)
        cart.add("tea")
        cart.add("tea")
        settle()
        cart.add("mug")
        advanceTimeBy(500)
        cart.remove("tea")
        settle()
        assertEquals(CartState(lines = listOf(CartLine("tea", 1, 250), CartLine("mug", 1, 900)), totalCents = 1150),
            cart.state.value)
    }

    @Test
    fun cancellationIsNotAnError() = runTest {
        val scope = CoroutineScope(backgroundScope.coroutineContext + Job(backgroundScope.coroutineContext[Job]))
        val cart = CartViewModel(FakePrices(catalog, latency = mapOf("mug" to 1_000)), scope)
        cart.add("tea")
        settle()
        cart.add("mug")
        advanceTimeBy(500)
        scope.cancel()
        settle()
        assertEquals(CartState(lines = listOf(CartLine("tea", 1, 250)), totalCents = 250), cart.state.value)
    }
}
