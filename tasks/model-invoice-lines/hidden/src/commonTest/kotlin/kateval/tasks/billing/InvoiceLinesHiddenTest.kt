package kateval.tasks.billing

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class InvoiceLinesHiddenTest {
    private fun c(v: Long) = Cents(v)
    private fun line(sku: String, price: Long, qty: Int, taxBp: Int) = LineItem(sku, Cents(price), qty, taxBp)

    @Test
    fun centsArithmeticAndOrdering() {
        assertEquals(c(12), c(5) + c(7))
        assertEquals(c(-2), c(5) - c(7))
        assertEquals(c(1347), c(449) * 3)
        assertTrue(c(5) < c(7))
        assertTrue(c(-1) < Cents.ZERO)
        assertEquals(listOf(c(-3), c(0), c(2), c(10)), listOf(c(10), c(-3), c(2), c(0)).sorted())
        assertEquals(c(42), c(42))
        assertEquals(c(42).hashCode(), Cents(42).hashCode())
    }

    @Test
    fun centsFormat() {
        assertEquals("0.00", c(0).format())
        assertEquals("0.05", c(5).format())
        assertEquals("-0.05", c(-5).format())
        assertEquals("0.10", c(10).format())
        assertEquals("-1.00", c(-100).format())
        assertEquals("1234.50", c(123450).format())
        assertEquals("-98765.43", c(-9876543).format())
    }

    @Test
    fun centsParseValid() {
        assertEquals(c(1200), Cents.parse("12"))
        assertEquals(c(1230), Cents.parse("12.3"))
        assertEquals(c(5), Cents.parse("0.05"))
        assertEquals(c(-5), Cents.parse("-0.05"))
        assertEquals(c(750), Cents.parse("007.50"))
        assertEquals(c(0), Cents.parse("-0"))
        assertEquals(c(-1250), Cents.parse("-12.5"))
        assertEquals(c(99999999999999999), Cents.parse("999999999999999.99"))
    }

    @Test
    fun centsParseInvalid() {
        val bad = listOf("", "-", ".5", "5.", "1.234", "+1.00", " 1.00", "1,00", "1.0 ", "abc", "1e3", "--1", "١٢", "1234567890123456")
        for (t in bad) assertFailsWith<IllegalArgumentException>("'$t'") { Cents.parse(t) }
    }

    @Test
    fun constructorValidation() {
        assertFailsWith<IllegalArgumentException> { line(" ", 100, 1, 0) }
        assertFailsWith<IllegalArgumentException> { line("A", -1, 1, 0) }
        assertFailsWith<IllegalArgumentException> { line("A", 100, 0, 0) }
        assertFailsWith<IllegalArgumentException> { line("A", 100, 1, -1) }
        assertFailsWith<IllegalArgumentException> { line("A", 100, 1, 10001) }
        line("A", 0, 1, 10000)
        assertFailsWith<IllegalArgumentException> { Discount.PercentOff(0) }
        assertFailsWith<IllegalArgumentException> { Discount.PercentOff(10001, "A") }
        Discount.PercentOff(10000)
        assertFailsWith<IllegalArgumentException> { Discount.AmountOff(c(0)) }
        assertFailsWith<IllegalArgumentException> { Discount.AmountOff(c(-5), "A") }
        assertFailsWith<IllegalArgumentException> { Discount.BuyXGetYFree("A", 0, 1) }
        assertFailsWith<IllegalArgumentException> { Discount.BuyXGetYFree("A", 2, 0) }
    }

    @Test
    fun emptyInvoiceAndDuplicateSku() {
        val empty = computeInvoice(emptyList(), listOf(Discount.AmountOff(c(500)), Discount.PercentOff(1000)))
        assertEquals(InvoiceSummary(emptyList(), c(0), c(0), c(0), c(0)), empty)
        assertFailsWith<IllegalArgumentException> {
            computeInvoice(listOf(line("A", 100, 1, 0), line("B", 1, 1, 0), line("A", 200, 2, 0)), emptyList())
        }
    }

    @Test
    fun noDiscountsWithHalfUpTax() {
        val s = computeInvoice(
            listOf(line("PEN", 199, 3, 2000), line("BOOK", 1250, 1, 0), line("GUM", 25, 1, 1000)),
            emptyList(),
        )
        assertEquals(
            listOf(
                LineResult("PEN", c(597), c(0), c(597), c(119)),
                LineResult("BOOK", c(1250), c(0), c(1250), c(0)),
                LineResult("GUM", c(25), c(0), c(25), c(3)),
            ),
            s.lines,
        )
        assertEquals(c(1872), s.subtotal)
        assertEquals(c(0), s.discountTotal)
        assertEquals(c(122), s.taxTotal)
        assertEquals(c(1994), s.total)
    }

    @Test
    fun lineDiscountPhasesIgnoreListOrder() {
        val s = computeInvoice(
            listOf(line("MUG", 450, 7, 2000)),
            listOf(Discount.AmountOff(c(100), "MUG"), Discount.PercentOff(1000, "MUG"), Discount.BuyXGetYFree("MUG", 2, 1)),
        )
        assertEquals(listOf(LineResult("MUG", c(3150), c(1225), c(1925), c(385))), s.lines)
        assertEquals(c(3150), s.subtotal)
        assertEquals(c(1225), s.discountTotal)
        assertEquals(c(385), s.taxTotal)
        assertEquals(c(2310), s.total)
    }

    @Test
    fun percentRoundingCompoundingAndClamping() {
        // 15 % of 333 = 49.95 -> 50; then 15 % of 283 = 42.45 -> 42 ; amount off larger than remainder clamps to 0
        val s = computeInvoice(
            listOf(line("A", 333, 1, 0), line("B", 500, 1, 0), line("C", 300, 2, 0)),
            listOf(
                Discount.PercentOff(1500, "A"), Discount.PercentOff(1500, "A"),
                Discount.AmountOff(c(10_000), "B"),
                Discount.BuyXGetYFree("C", 2, 1), // 2 units < group of 3 -> nothing free
                Discount.PercentOff(5000, "UNKNOWN"), Discount.AmountOff(c(1), "NOPE"),
            ),
        )
        assertEquals(
            listOf(
                LineResult("A", c(333), c(92), c(241), c(0)),
                LineResult("B", c(500), c(500), c(0), c(0)),
                LineResult("C", c(600), c(0), c(600), c(0)),
            ),
            s.lines,
        )
        assertEquals(c(841), s.total)
    }

    @Test
    fun invoiceDiscountLeftoverGoesToFirstLinesInInputOrder() {
        val s = computeInvoice(
            listOf(line("A", 100, 1, 0), line("B", 100, 1, 1000), line("C", 50, 2, 2500)),
            listOf(Discount.AmountOff(c(100))),
        )
        assertEquals(
            listOf(
                LineResult("A", c(100), c(34), c(66), c(0)),
                LineResult("B", c(100), c(33), c(67), c(7)),
                LineResult("C", c(100), c(33), c(67), c(17)),
            ),
            s.lines,
        )
        assertEquals(c(300), s.subtotal)
        assertEquals(c(100), s.discountTotal)
        assertEquals(c(24), s.taxTotal)
        assertEquals(c(224), s.total)
    }

    @Test
    fun leftoverSkipsLinesWithZeroNet() {
        val s = computeInvoice(
            listOf(line("P", 1000, 1, 0), line("Q", 1, 1, 0), line("R", 1, 1, 0)),
            listOf(Discount.PercentOff(10000, "P"), Discount.AmountOff(c(1))),
        )
        assertEquals(
            listOf(
                LineResult("P", c(1000), c(1000), c(0), c(0)),
                LineResult("Q", c(1), c(1), c(0), c(0)),
                LineResult("R", c(1), c(0), c(1), c(0)),
            ),
            s.lines,
        )
        assertEquals(c(1), s.total)
        assertEquals(c(1001), s.discountTotal)
    }

    @Test
    fun invoicePercentBeforeAmountAndFullClamp() {
        val s = computeInvoice(
            listOf(line("X", 500, 1, 2000)),
            listOf(Discount.AmountOff(c(1000)), Discount.PercentOff(5000)),
        )
        assertEquals(listOf(LineResult("X", c(500), c(500), c(0), c(0))), s.lines)
        assertEquals(c(0), s.total)
        val compounding = computeInvoice(
            listOf(line("Y", 1000, 1, 0)),
            listOf(Discount.PercentOff(1000), Discount.PercentOff(1000)),
        )
        assertEquals(c(810), compounding.total)
        assertEquals(c(190), compounding.discountTotal)
    }

    @Test
    fun zeroNetInvoiceWithInvoiceDiscount() {
        val s = computeInvoice(
            listOf(line("FREE", 0, 3, 2000)),
            listOf(Discount.AmountOff(c(300)), Discount.PercentOff(2500)),
        )
        assertEquals(listOf(LineResult("FREE", c(0), c(0), c(0), c(0))), s.lines)
        assertEquals(InvoiceSummary(s.lines, c(0), c(0), c(0), c(0)), s)
    }

    @Test
    fun mixedInvoice() {
        val s = computeInvoice(
            listOf(
                line("CABLE", 899, 4, 2000),
                line("DOCK", 12999, 1, 2000),
                line("MANUAL", 0, 1, 0),
                line("SERVICE", 4999, 2, 0),
            ),
            listOf(
                Discount.AmountOff(c(250)),
                Discount.PercentOff(2500, "CABLE"),
                Discount.PercentOff(500),
                Discount.AmountOff(c(1500), "DOCK"),
                Discount.BuyXGetYFree("CABLE", 3, 1),
            ),
        )
        assertEquals(
            listOf(
                LineResult("CABLE", c(3596), c(1696), c(1900), c(380)),
                LineResult("DOCK", c(12999), c(2197), c(10802), c(2160)),
                LineResult("MANUAL", c(0), c(0), c(0), c(0)),
                LineResult("SERVICE", c(9998), c(606), c(9392), c(0)),
            ),
            s.lines,
        )
        assertEquals(c(26593), s.subtotal)
        assertEquals(c(4499), s.discountTotal)
        assertEquals(c(2540), s.taxTotal)
        assertEquals(c(24634), s.total)
        assertEquals("246.34", s.total.format())
    }
}
