package kateval.tasks.billing

import kotlinx.serialization.json.Json
import kotlin.test.Test
import kotlin.test.assertEquals

class MoneySerializerExamplesTest {
    @Test
    fun writesAnInvoice() {
        val invoice = Invoice("inv-1", listOf(InvoiceLine("Tea", Money(1234, "EUR"))), Money(1234, "EUR"))
        assertEquals("""{"id":"inv-1","lines":[{"label":"Tea","amount":"12.34 EUR"}],"total":"12.34 EUR"}""",
            Json.encodeToString(Invoice.serializer(), invoice))
    }
}
