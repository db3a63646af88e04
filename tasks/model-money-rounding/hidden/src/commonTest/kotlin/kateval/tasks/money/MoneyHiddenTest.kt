package kateval.tasks.money

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class MoneyHiddenTest {
    private val usd = Currency("USD", 2)
    private val jpy = Currency("JPY", 0)
    private val bhd = Currency("BHD", 3)

    private fun usd(s: String, r: Rounding = Rounding.HALF_EVEN) = Money.parse(s, usd, r).minor

    @Test
    fun parsesExactAmounts() {
        assertEquals(123450L, usd("1234.5"))
        assertEquals(-5L, usd("-0.05"))
        assertEquals(0L, usd("-0"))
        assertEquals(700L, usd("7"))
        assertEquals(1235L, Money.parse("1235", jpy).minor)
        assertEquals(1L, Money.parse("0.001", bhd).minor)
    }

    @Test
    fun roundingModesOnPositiveValues() {
        assertEquals(1L, usd("0.015", Rounding.DOWN))
        assertEquals(1L, usd("0.015", Rounding.FLOOR))
        assertEquals(2L, usd("0.011", Rounding.CEILING))
        assertEquals(2L, usd("0.015", Rounding.HALF_UP))
        assertEquals(2L, usd("0.015", Rounding.HALF_EVEN))
        assertEquals(2L, usd("0.025", Rounding.HALF_EVEN))
        assertEquals(3L, usd("0.0251", Rounding.HALF_EVEN))
        assertEquals(2L, usd("0.0249999", Rounding.HALF_UP))
    }

    @Test
    fun roundingModesOnNegativeValues() {
        assertEquals(-1L, usd("-0.015", Rounding.DOWN))
        assertEquals(-2L, usd("-0.011", Rounding.FLOOR))
        assertEquals(-1L, usd("-0.019", Rounding.CEILING))
        assertEquals(-3L, usd("-0.025", Rounding.HALF_UP))
        assertEquals(-2L, usd("-0.025", Rounding.HALF_EVEN))
        assertEquals(-4L, usd("-0.035", Rounding.HALF_EVEN))
        assertEquals(0L, usd("-0.001", Rounding.CEILING))
        assertEquals(-1L, usd("-0.001", Rounding.FLOOR))
    }

    @Test
    fun manyFractionDigits() {
        assertEquals(1L, usd("0.00000000000000000000001", Rounding.CEILING))
        assertEquals(0L, usd("0.00000000000000000000001", Rounding.HALF_UP))
        assertEquals(1L, usd("0.005000000000000000000001", Rounding.HALF_EVEN))
        assertEquals(0L, usd("0.005000000000000000000000", Rounding.HALF_EVEN))
        assertEquals(5L, Money.parse("4.5000", jpy, Rounding.HALF_UP).minor)
    }

    @Test
    fun parseLimits() {
        assertEquals(Long.MAX_VALUE, usd("92233720368547758.07"))
        assertEquals(Long.MIN_VALUE, usd("-92233720368547758.08"))
        assertFailsWith<ArithmeticException> { usd("92233720368547758.08") }
        assertFailsWith<ArithmeticException> { usd("92233720368547758.075", Rounding.CEILING) }
        assertFailsWith<ArithmeticException> { usd("-92233720368547758.085", Rounding.FLOOR) }
        assertFailsWith<ArithmeticException> { usd("100000000000000000000") }
    }

    @Test
    fun parseRejectsBadSyntax() {
        for (bad in listOf("", "-", ".5", "5.", "+5", " 5", "5 ", "1,000", "1.2.3", "--1", "1e3", "٣")) {
            assertFailsWith<IllegalArgumentException>(bad) { usd(bad) }
        }
    }

    @Test
    fun plusAndMinus() {
        assertEquals(Money(350, usd), Money(100, usd) + Money(250, usd))
        assertEquals(Money(-150, usd), Money(100, usd) - Money(250, usd))
        assertFailsWith<IllegalArgumentException> { Money(1, usd) + Money(1, jpy) }
        assertFailsWith<IllegalArgumentException> { Money(1, usd) - Money(1, Currency("USD", 3)) }
        assertFailsWith<ArithmeticException> { Money(Long.MAX_VALUE, usd) + Money(1, usd) }
        assertFailsWith<ArithmeticException> { Money(0, usd) - Money(Long.MIN_VALUE, usd) }
        assertEquals(Money(Long.MAX_VALUE, usd), Money(-1, usd) - Money(Long.MIN_VALUE, usd))
        assertFailsWith<ArithmeticException> { Money(Long.MIN_VALUE, usd) - Money(1, usd) }
    }

    @Test
    fun timesRoundsTheExactProduct() {
        // 19.99 * 1.0825 = 21.639175
        assertEquals(2164L, Money(1999, usd).times("1.0825", Rounding.HALF_EVEN).minor)
        assertEquals(2163L, Money(1999, usd).times("1.0825", Rounding.DOWN).minor)
        assertEquals(-1000L, Money(1999, usd).times("-0.5", Rounding.HALF_EVEN).minor)
        assertEquals(-999L, Money(1999, usd).times("-0.5", Rounding.DOWN).minor)
        assertEquals(-1000L, Money(1999, usd).times("-0.5", Rounding.FLOOR).minor)
        assertEquals(5997L, Money(1999, usd).times("3", Rounding.DOWN).minor)
        assertEquals(0L, Money(1999, usd).times("0.000000000000000001", Rounding.HALF_UP).minor)
        assertEquals(1L, Money(1999, usd).times("0.000000000000000001", Rounding.CEILING).minor)
    }

    @Test
    fun timesLimits() {
        assertFailsWith<IllegalArgumentException> { Money(1, usd).times("0.0000000000000000001", Rounding.DOWN) }
        assertFailsWith<IllegalArgumentException> { Money(1, usd).times("x", Rounding.DOWN) }
        assertFailsWith<ArithmeticException> { Money(Long.MAX_VALUE, usd).times("2", Rounding.DOWN) }
        assertFailsWith<ArithmeticException> { Money(10_000_000_000L, usd).times("1.000000000", Rounding.DOWN) }
        assertEquals(Money(Long.MIN_VALUE, usd), Money(Long.MIN_VALUE, usd).times("1", Rounding.DOWN))
    }

    @Test
    fun formatting() {
        assertEquals("1234.50 USD", Money(123450, usd).format())
        assertEquals("-0.05 USD", Money(-5, usd).format())
        assertEquals("0.00 USD", Money(0, usd).format())
        assertEquals("1235 JPY", Money(1235, jpy).format())
        assertEquals("-7 JPY", Money(-7, jpy).format())
        assertEquals("0.001 BHD", Money(1, bhd).format())
        assertEquals("-92233720368547758.08 USD", Money(Long.MIN_VALUE, usd).format())
        assertEquals("9223372036854775807 JPY", Money(Long.MAX_VALUE, jpy).format())
    }
}
