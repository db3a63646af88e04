package kateval.tasks.amounts

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class AmountsHiddenTest {
    @Test
    fun fixedRoundsTheExactBinaryValue() {
        assertEquals("1.00", formatFixed(1.005, 2))   // 1.00499999999999989...
        assertEquals("1.01", formatFixed(1.015, 2))
        assertEquals("8.35", formatFixed(8.345, 2))
        assertEquals("0.04", formatFixed(0.045, 2))
        assertEquals("1.4", formatFixed(1.45, 1))
        assertEquals("123.5", formatFixed(123.456, 1))
    }

    @Test
    fun fixedExactTiesGoAwayFromZero() {
        assertEquals("0.13", formatFixed(0.125, 2))
        assertEquals("3", formatFixed(2.5, 0))
        assertEquals("-3", formatFixed(-2.5, 0))
        assertEquals("1", formatFixed(0.5, 0))
        assertEquals("-0.01", formatFixed(-0.005, 2))
    }

    @Test
    fun fixedPadsAndShowsAllRequestedDigits() {
        assertEquals("1.000", formatFixed(1.0, 3))
        assertEquals("1235", formatFixed(1234.5, 0))
        assertEquals("0", formatFixed(0.0, 0))
        assertEquals("0.10000000000000000555", formatFixed(0.1, 20))
        assertEquals("1.00000000000000022", formatFixed(1.0000000000000002, 17))
    }

    @Test
    fun fixedNeverPrintsNegativeZero() {
        assertEquals("0.00", formatFixed(-0.001, 2))
        assertEquals("0.00", formatFixed(-0.0049, 2))
        assertEquals("0.00", formatFixed(-0.0, 2))
        assertEquals("0", formatFixed(-0.4, 0))
        assertEquals("0", formatFixed(-0.0, 0))
    }

    @Test
    fun fixedHandlesLargeValuesWithoutExponent() {
        assertEquals("100000000000000000000", formatFixed(1e20, 0))
        assertEquals("123456789012345683968", formatFixed(1.2345678901234568e20, 0))
        assertEquals("-100000000000000000000.00", formatFixed(-1e20, 2))
        assertEquals("0.00000", formatFixed(1e-7, 5))
    }

    @Test
    fun fixedRejectsInvalidInput() {
        assertFailsWith<IllegalArgumentException> { formatFixed(Double.NaN, 2) }
        assertFailsWith<IllegalArgumentException> { formatFixed(Double.POSITIVE_INFINITY, 2) }
        assertFailsWith<IllegalArgumentException> { formatFixed(Double.NEGATIVE_INFINITY, 2) }
        assertFailsWith<IllegalArgumentException> { formatFixed(1e21, 2) }
        assertFailsWith<IllegalArgumentException> { formatFixed(-1e21, 0) }
        assertFailsWith<IllegalArgumentException> { formatFixed(1.0, -1) }
        assertFailsWith<IllegalArgumentException> { formatFixed(1.0, 21) }
        assertEquals("1.00000000000000000000", formatFixed(1.0, 20))
    }

    @Test
    fun formatGroupsThousands() {
        assertEquals("0.00", Amounts.format(0.0))
        assertEquals("999.99", Amounts.format(999.99))
        assertEquals("1,000.00", Amounts.format(999.999))
        assertEquals("100,000.00", Amounts.format(100000.0))
        assertEquals("-1,234,567.89", Amounts.format(-1234567.891))
        assertEquals("-1,000.00", Amounts.format(-999.995))
        assertEquals("1,235", Amounts.format(1234.5, digits = 0))
        assertEquals("12,345.6789", Amounts.format(12345.6789, digits = 4))
        assertEquals("100,000,000,000,000,000,000", Amounts.format(1e20, digits = 0))
    }

    @Test
    fun formatWithCustomSeparators() {
        assertEquals("1.234.567,89", Amounts.format(1234567.891, 2, '.', ','))
        assertEquals("1 000 000", Amounts.format(1e6, 0, ' ', ','))
        assertEquals("0,50", Amounts.format(0.5, 2, '.', ','))
        assertEquals("0.00", Amounts.format(-0.001, 2, ' ', '.'))
        assertFailsWith<IllegalArgumentException> { Amounts.format(1.0, 2, '.', '.') }
        assertFailsWith<IllegalArgumentException> { Amounts.format(Double.NaN) }
    }

    @Test
    fun accountingFormatUsesParentheses() {
        assertEquals("(1,234.50)", Amounts.formatAccounting(-1234.5))
        assertEquals("1,234.50", Amounts.formatAccounting(1234.5))
        assertEquals("0.00", Amounts.formatAccounting(-0.001))
        assertEquals("(0.01)", Amounts.formatAccounting(-0.005))
        assertEquals("(3)", Amounts.formatAccounting(-2.5, digits = 0))
    }
}
