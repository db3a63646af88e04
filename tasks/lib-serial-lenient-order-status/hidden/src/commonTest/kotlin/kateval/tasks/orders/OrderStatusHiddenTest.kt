package kateval.tasks.orders

import kotlinx.serialization.SerializationException
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.json.Json
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class OrderStatusHiddenTest {
    private fun read(text: String) = Json.decodeFromString(OrderStatusSerializer, "\"$text\"")

    @Test
    fun everyCanonicalSpelling() {
        assertEquals(OrderStatus.PENDING, read("pending"))
        assertEquals(OrderStatus.PAID, read("paid"))
        assertEquals(OrderStatus.SHIPPED, read("shipped"))
        assertEquals(OrderStatus.DELIVERED, read("delivered"))
        assertEquals(OrderStatus.CANCELLED, read("cancelled"))
    }

    @Test
    fun aliases() {
        assertEquals(OrderStatus.PENDING, read("awaiting_payment"))
        assertEquals(OrderStatus.SHIPPED, read("in_transit"))
        assertEquals(OrderStatus.CANCELLED, read("canceled"))
    }

    @Test
    fun caseWhitespaceAndSeparators() {
        assertEquals(OrderStatus.DELIVERED, read("  DELIVERED "))
        assertEquals(OrderStatus.PENDING, read("Awaiting-Payment"))
        assertEquals(OrderStatus.PENDING, read("awaiting payment"))
        assertEquals(OrderStatus.SHIPPED, read("IN TRANSIT"))
        assertEquals(OrderStatus.CANCELLED, read("Canceled"))
    }

    @Test
    fun anythingElseIsUnknown() {
        for (text in listOf("on_hold", "unknown", "", "   ", "refunded", "paid!", "in__transit", "shipped yesterday")) {
            assertEquals(OrderStatus.UNKNOWN, read(text), "for '$text'")
        }
    }

    @Test
    fun writesLowerCaseNames() {
        val all = OrderStatus.entries.toList()
        assertEquals("""["pending","paid","shipped","delivered","cancelled","unknown"]""",
            Json.encodeToString(ListSerializer(OrderStatusSerializer), all))
    }

    @Test
    fun whatIsWrittenReadsBack() {
        for (status in OrderStatus.entries) {
            assertEquals(status, Json.decodeFromString(OrderStatusSerializer, Json.encodeToString(OrderStatusSerializer, status)))
        }
    }

    @Test
    fun descriptorIsAPrimitiveString() {
        assertEquals(PrimitiveKind.STRING, OrderStatusSerializer.descriptor.kind)
    }

    @Test
    fun ordersUseItEverywhere() {
        val order = Order("o9", OrderStatus.CANCELLED, listOf(OrderStatus.PAID, OrderStatus.UNKNOWN))
        val text = Json.encodeToString(Order.serializer(), order)
        assertEquals("""{"id":"o9","status":"cancelled","history":["paid","unknown"]}""", text)
        assertEquals(order, Json.decodeFromString(Order.serializer(), text))
        assertEquals(Order("o2"), Json.decodeFromString(Order.serializer(), """{"id":"o2"}"""))
    }

    @Test
    fun aNonStringIsStillAnError() {
        assertFailsWith<SerializationException> { Json.decodeFromString(Order.serializer(), """{"id":"o3","status":3}""") }
    }
}
