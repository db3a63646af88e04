package kateval.tasks.billing

import kotlinx.serialization.SerializationException
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.json.Json
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class MoneySerializerHiddenTest {
    private fun write(money: Money) = Json.encodeToString(MoneySerializer, money)
    private fun read(text: String) = Json.decodeFromString(MoneySerializer, "\"$text\"")

    @Test
    fun writesTwoDecimalsByDefault() {
        assertEquals("\"0.05 EUR\"", write(Money(5, "EUR")))
        assertEquals("\"0.00 EUR\"", write(Money(0, "EUR")))
        assertEquals("\"12.30 GBP\"", write(Money(1230, "GBP")))
        assertEquals("\"1000000.00 CHF\"", write(Money(100_000_000, "CHF")))
    }

    @Test
    fun writesNegativeAmounts() {
        assertEquals("\"-12.34 USD\"", write(Money(-1234, "USD")))
        assertEquals("\"-0.07 USD\"", write(Money(-7, "USD")))
        assertEquals("\"-92233720368547758.08 EUR\"", write(Money(Long.MIN_VALUE, "EUR")))
    }

    @Test
    fun writesEachCurrencysMinorUnits() {
        assertEquals("\"1500 JPY\"", write(Money(1500, "JPY")))
        assertEquals("\"-3 KRW\"", write(Money(-3, "KRW")))
        assertEquals("\"0.001 BHD\"", write(Money(1, "BHD")))
        assertEquals("\"12.345 KWD\"", write(Money(12345, "KWD")))
    }

    @Test
    fun descriptorIsAPrimitiveString() {
        assertEquals(PrimitiveKind.STRING, MoneySerializer.descriptor.kind)
    }

    @Test
    fun readsWhatItWrites() {
        val amounts = listOf(Money(5, "EUR"), Money(-1234, "USD"), Money(1500, "JPY"), Money(1, "BHD"),
            Money(Long.MAX_VALUE, "EUR"), Money(0, "KRW"))
        for (money in amounts) assertEquals(money, read(Json.decodeFromString(String.serializer(), write(money))))
    }

    @Test
    fun padsShortFractions() {
        assertEquals(Money(1250, "EUR"), read("12.5 EUR"))
        assertEquals(Money(1200, "EUR"), read("12 EUR"))
        assertEquals(Money(12500, "BHD"), read("12.5 BHD"))
        assertEquals(Money(-50, "USD"), read("-0.5 USD"))
        assertEquals(Money(7, "JPY"), read("007 JPY"))
    }

    @Test
    fun refusesMalformedAmounts() {
        val bad = listOf("+1.00 EUR", "1,00 EUR", "1.00EUR", "1.00  EUR", " 1.00 EUR", "1.00 eur", "1.00 EU",
            "1.00 EURO", "1. EUR", ".50 EUR", "1.2.3 EUR", "", "EUR", "1.00", "--1 EUR", "1.000 EUR", "1.5 JPY",
            "0.0001 BHD", "99999999999999999999 EUR", "92233720368547758.08 EUR")
        for (text in bad) {
            assertFailsWith<SerializationException>("'$text' should be refused") { read(text) }
        }
    }

    @Test
    fun refusesANonString() {
        assertFailsWith<SerializationException> { Json.decodeFromString(MoneySerializer, "1234") }
    }

    @Test
    fun invoicesRoundTripWithNestedAmounts() {
        val invoice = Invoice("inv-9", listOf(
            InvoiceLine("Ramen", Money(1200, "JPY")),
            InvoiceLine("Tea", Money(450, "JPY"), discount = Money(-50, "JPY")),
        ), Money(1600, "JPY"))
        val text = Json.encodeToString(Invoice.serializer(), invoice)
        assertEquals("""{"id":"inv-9","lines":[{"label":"Ramen","amount":"1200 JPY"},""" +
            """{"label":"Tea","amount":"450 JPY","discount":"-50 JPY"}],"total":"1600 JPY"}""", text)
        assertEquals(invoice, Json.decodeFromString(Invoice.serializer(), text))
    }

    @Test
    fun worksInsideCollections() {
        val list = Json.decodeFromString(ListSerializer(MoneySerializer), """["1.00 EUR","2 JPY","0.010 KWD"]""")
        assertEquals(listOf(Money(100, "EUR"), Money(2, "JPY"), Money(10, "KWD")), list)
    }
}
