package kateval.tasks.orders

import kotlinx.serialization.json.Json
import kotlin.test.Test
import kotlin.test.assertEquals

class OrderStatusExamplesTest {
    @Test
    fun readsTheExample() {
        val order = Json.decodeFromString(Order.serializer(),
            """{"id": "o1", "status": "In-Transit", "history": ["Awaiting Payment", "PAID", "on_hold"]}""")
        assertEquals(Order("o1", OrderStatus.SHIPPED, listOf(OrderStatus.PENDING, OrderStatus.PAID, OrderStatus.UNKNOWN)),
            order)
    }
}
