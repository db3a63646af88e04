package kateval.tasks.fixeddecimal

import kotlin.test.*

class FixedDecimalHiddenTest {
    @Test
    fun wholeNumbersKeepTheirDecimals() {
        assertEquals("1.00", formatFixed(1.0, 2))
        assertEquals("100.0", formatFixed(100.0, 1))
        assertEquals("0.000", formatFixed(0.0, 3))
    }

    @Test
    fun zeroDecimalsHasNoPoint() {
        assertEquals("3", formatFixed(2.5, 0))
        assertEquals("42", formatFixed(42.0, 0))
        assertEquals("-3", formatFixed(-2.5, 0))
    }

    @Test
    fun roundsHalfAwayFromZeroOnTheScaledValue() {
        assertEquals("2.35", formatFixed(2.345, 2))
        assertEquals("0.13", formatFixed(0.125, 2))
        assertEquals("-0.13", formatFixed(-0.125, 2))
        assertEquals("1.00", formatFixed(0.995, 2))
        assertEquals("1.00", formatFixed(1.005, 2), "1.005 * 100 is 100.49999999999999")
    }

    @Test
    fun largeAndSmallMagnitudesArePlain() {
        assertEquals("10000000.00", formatFixed(1e7, 2))
        assertEquals("123456789012345", formatFixed(123456789012345.0, 0))
        assertEquals("0.00001", formatFixed(1e-5, 5))
        assertEquals("0.000000001", formatFixed(1e-9, 9))
        assertEquals("0.000000100", formatFixed(1e-7, 9))
        assertEquals("0.0000012", formatFixed(1.2e-6, 7))
        assertEquals("0.00", formatFixed(1e-9, 2))
    }

    @Test
    fun noNegativeZero() {
        assertEquals("0.00", formatFixed(-0.001, 2))
        assertEquals("0", formatFixed(-0.0, 0))
        assertEquals("0.0", formatFixed(-0.04, 1))
        assertEquals("-0.1", formatFixed(-0.05, 1))
    }

    @Test
    fun smallValuesArePadded() {
        assertEquals("0.005", formatFixed(0.005, 3))
        assertEquals("0.05", formatFixed(0.05, 2))
        assertEquals("-0.007", formatFixed(-0.007, 3))
    }

    @Test
    fun groupingInsertsCommas() {
        assertEquals("1,234,567.89", formatFixed(1234567.891, 2, grouping = true))
        assertEquals("999", formatFixed(999.0, 0, grouping = true))
        assertEquals("1,000", formatFixed(999.6, 0, grouping = true))
        assertEquals("-12,345.0", formatFixed(-12345.0, 1, grouping = true))
        assertEquals("0.50", formatFixed(0.5, 2, grouping = true))
        assertEquals("999,999,999,999,999", formatFixed(999999999999999.0, 0, grouping = true))
    }

    @Test
    fun rejectsBadArguments() {
        assertFailsWith<IllegalArgumentException> { formatFixed(1.0, -1) }
        assertFailsWith<IllegalArgumentException> { formatFixed(1.0, 10) }
        assertFailsWith<IllegalArgumentException> { formatFixed(Double.NaN, 2) }
        assertFailsWith<IllegalArgumentException> { formatFixed(Double.POSITIVE_INFINITY, 2) }
        assertFailsWith<IllegalArgumentException> { formatFixed(1e15, 0) }
        assertFailsWith<IllegalArgumentException> { formatFixed(-1e15, 0) }
    }

    @Test
    fun typicalPrices() {
        assertEquals(listOf("19.99", "0.10", "7.00", "1234.50"), listOf(19.99, 0.1, 7.0, 1234.5).map { formatFixed(it, 2) })
    }
}
