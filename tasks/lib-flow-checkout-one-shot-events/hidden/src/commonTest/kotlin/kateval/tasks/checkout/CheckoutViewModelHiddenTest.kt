package kateval.tasks.checkout

import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

/** Answers `order-<n>` after 100 ms; carts in `failing` throw their message instead. */
class FakeOrders(private val failing: Map<String, String?> = emptyMap()) : OrderApi {
    val calls = mutableListOf<String>()

    override suspend fun placeOrder(cartId: String): String {
        calls += cartId
        delay(100)
        if (cartId in failing) throw IllegalStateException(failing[cartId])
        return "order-${calls.size}"
    }
}

class CheckoutViewModelHiddenTest {
    private fun TestScope.settle() {
        advanceTimeBy(10_000)
        runCurrent()
    }

    @Test
    fun placingIsShownWhileTheCallRuns() = runTest {
        val viewModel = CheckoutViewModel(FakeOrders(), backgroundScope)
        assertEquals(CheckoutState(), viewModel.state.value)
        viewModel.placeOrder("c1")
        assertEquals(CheckoutState(placing = true), viewModel.state.value)
        settle()
        assertEquals(CheckoutState(ordersPlaced = 1), viewModel.state.value)
    }

    @Test
    fun aDoubleTapPlacesOneOrder() = runTest {
        val api = FakeOrders()
        val viewModel = CheckoutViewModel(api, backgroundScope)
        viewModel.placeOrder("c1")
        advanceTimeBy(50)
        viewModel.placeOrder("c1")
        settle()
        assertEquals(listOf("c1"), api.calls)
        viewModel.placeOrder("c2")
        settle()
        assertEquals(listOf("c1", "c2"), api.calls)
        assertEquals(CheckoutState(ordersPlaced = 2), viewModel.state.value)
    }

    @Test
    fun anEventSentWhileNobodyCollectsWaitsForTheNextCollector() = runTest {
        val viewModel = CheckoutViewModel(FakeOrders(), backgroundScope)
        viewModel.placeOrder("c1")
        settle()
        assertEquals(CheckoutState(ordersPlaced = 1), viewModel.state.value)
        assertEquals(CheckoutEvent.OpenConfirmation("order-1"), viewModel.events.first())
    }

    @Test
    fun anEventIsDeliveredOnlyOnce() = runTest {
        val viewModel = CheckoutViewModel(FakeOrders(), backgroundScope)
        viewModel.placeOrder("c1")
        settle()
        assertEquals(CheckoutEvent.OpenConfirmation("order-1"), viewModel.events.first())
        val later = mutableListOf<CheckoutEvent>()
        backgroundScope.launch { viewModel.events.collect { later += it } }
        settle()
        assertEquals(emptyList(), later)
        viewModel.placeOrder("c2")
        settle()
        assertEquals(listOf<CheckoutEvent>(CheckoutEvent.OpenConfirmation("order-2")), later)
    }

    @Test
    fun twoCollectorsShareTheEventsWithoutDuplicates() = runTest {
        val viewModel = CheckoutViewModel(FakeOrders(), backgroundScope)
        val first = mutableListOf<CheckoutEvent>()
        val second = mutableListOf<CheckoutEvent>()
        backgroundScope.launch { viewModel.events.collect { first += it } }
        backgroundScope.launch { viewModel.events.collect { second += it } }
        repeat(4) { n ->
            viewModel.placeOrder("c$n")
            settle()
        }
        assertEquals(4, first.size + second.size)
        assertEquals((1..4).map { CheckoutEvent.OpenConfirmation("order-$it") }.toSet(), (first + second).toSet())
    }

    @Test
    fun failuresShowTheirMessageOnce() = runTest {
        val viewModel = CheckoutViewModel(FakeOrders(failing = mapOf("bad" to "Card declined", "worse" to null)),
            backgroundScope)
        viewModel.placeOrder("bad")
        settle()
        assertEquals(CheckoutState(), viewModel.state.value)
        viewModel.placeOrder("worse")
        settle()
        viewModel.placeOrder("good")
        settle()
        assertEquals(listOf(CheckoutEvent.ShowError("Card declined"), CheckoutEvent.ShowError("Something went wrong"),
            CheckoutEvent.OpenConfirmation("order-3")), viewModel.events.take(3).toList())
        assertEquals(CheckoutState(ordersPlaced = 1), viewModel.state.value)
    }

    @Test
    fun placingIsOverBeforeTheEventArrives() = runTest {
        val viewModel = CheckoutViewModel(FakeOrders(), backgroundScope)
        val seenWith = mutableListOf<CheckoutState>()
        backgroundScope.launch { viewModel.events.collect { seenWith += viewModel.state.value } }
        viewModel.placeOrder("c1")
        settle()
        assertEquals(listOf(CheckoutState(ordersPlaced = 1)), seenWith)
    }

    @Test
    fun manyEventsWithoutACollectorAreAllKeptInOrder() = runTest {
        val viewModel = CheckoutViewModel(FakeOrders(failing = mapOf("c2" to "no stock")), backgroundScope)
        for (cart in listOf("c1", "c2", "c3")) {
            viewModel.placeOrder(cart)
            settle()
        }
        assertEquals(listOf(CheckoutEvent.OpenConfirmation("order-1"), CheckoutEvent.ShowError("no stock"),
            CheckoutEvent.OpenConfirmation("order-3")), viewModel.events.take(3).toList())
    }
}
