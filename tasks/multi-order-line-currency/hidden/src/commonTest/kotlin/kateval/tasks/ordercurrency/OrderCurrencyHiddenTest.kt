package kateval.tasks.ordercurrency

import kotlin.test.*

class OrderCurrencyHiddenTest {
    private fun ok(s: String) = assertIs<ParseResult.Ok>(parseLine(s)).line
    private fun err(s: String) = assertIs<ParseResult.Error>(parseLine(s)).message

    @Test
    fun currencyDecimals() {
        assertEquals(listOf(0, 3, 3, 2, 2), listOf("JPY", "BHD", "KWD", "EUR", "USD").map { Currencies.decimals(it) })
        assertTrue(Currencies.isValidCode("CHF"))
        assertFalse(Currencies.isValidCode("chf"))
        assertFalse(Currencies.isValidCode("EURO"))
        assertFalse(Currencies.isValidCode("E1R"))
    }

    @Test
    fun parsesCurrencyColumn() {
        assertEquals(OrderLine("tea", 3, 1200, "JPY"), ok("tea;3;1200;JPY"))
        assertEquals(OrderLine("oud", 1, 1250, "BHD"), ok("oud;1;1.250; bhd "))
        assertEquals(OrderLine("mug", 2, 1250, "EUR"), ok("mug;2;12.50"))
        assertEquals(OrderLine("cap", 1, 999, "USD"), ok("cap;1;9.99;usd"))
    }

    @Test
    fun priceMustMatchCurrencyDecimals() {
        assertEquals("bad price '12.50'", err("tea;1;12.50;JPY"))
        assertEquals("bad price '1.25'", err("oud;1;1.25;BHD"))
        assertEquals("bad price '12'", err("mug;1;12"))
    }

    @Test
    fun badCurrencyAndFieldCount() {
        assertEquals("bad currency ' euro'", err("mug;1;1.00; euro"))
        assertEquals("bad currency ''", err("mug;1;1.00;"))
        assertEquals("expected 3 or 4 fields", err("mug;1"))
        assertEquals("expected 3 or 4 fields", err("a;1;1.00;EUR;x"))
        assertEquals("bad quantity 'x'", err("mug;x;1.00;JPY"))
    }

    @Test
    fun orderCurrencyAndTotal() {
        val o = Order("o", listOf(OrderLine("a", 2, 500, "JPY"), OrderLine("b", 1, 300, "JPY")))
        assertEquals("JPY", o.currency)
        assertEquals(1300L, o.totalMinor())
        assertEquals("EUR", Order("e", emptyList()).currency)
    }

    @Test
    fun mixedCurrenciesThrowForTotals() {
        val o = Order("o", listOf(OrderLine("a", 1, 100, "EUR"), OrderLine("b", 1, 100, "USD")))
        assertFailsWith<IllegalStateException> { o.totalMinor() }
        assertFailsWith<IllegalStateException> { o.currency }
    }

    @Test
    fun validatorReportsMixedCurrenciesOnce() {
        val o = Order("o", listOf(OrderLine("a", 1, 100, "EUR"), OrderLine("b", 1, 100, "USD"), OrderLine("a", 1, 1, "GBP")))
        assertEquals(listOf("duplicate sku", "mixed currencies"), OrderValidator.validate(o))
    }

    @Test
    fun maxTotalAppliesToEuroOnly() {
        val big = 2_000_000L
        assertEquals(listOf("order total too high"), OrderValidator.validate(Order("e", listOf(OrderLine("a", 1, big)))))
        assertEquals(emptyList(), OrderValidator.validate(Order("j", listOf(OrderLine("a", 1, big, "JPY")))))
        assertEquals(listOf("order has no lines"), OrderValidator.validate(Order("n", emptyList())))
    }

    @Test
    fun euroTotalAtTheMaximumIsStillAllowed() {
        // the existing rule only rejects totals above MAX_TOTAL_EUR_CENTS
        val max = OrderValidator.MAX_TOTAL_EUR_CENTS
        assertEquals(emptyList(), OrderValidator.validate(Order("m", listOf(OrderLine("a", 1, max)))))
        assertEquals(listOf("order total too high"), OrderValidator.validate(Order("m", listOf(OrderLine("a", 1, max + 1)))))
    }

    @Test
    fun formatsWithCurrencyDecimals() {
        assertEquals("12.50 EUR", formatMoney(1250, "EUR"))
        assertEquals("1200 JPY", formatMoney(1200, "JPY"))
        assertEquals("-0.005 BHD", formatMoney(-5, "BHD"))
        assertEquals("0.00 USD", formatMoney(0, "USD"))
        assertEquals("0 JPY", formatMoney(0, "JPY"))
    }

    @Test
    fun formatsWholeOrders() {
        val o = Order("o", listOf(ok("oud;2;1.250;BHD"), ok("dates;1;0.500;BHD")))
        assertEquals("2 x oud @ 1.250 BHD\n1 x dates @ 0.500 BHD\ntotal 3.000 BHD", formatOrder(o))
    }
}
