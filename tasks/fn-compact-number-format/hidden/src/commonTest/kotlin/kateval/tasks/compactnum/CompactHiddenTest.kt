package kateval.tasks.compactnum

import kotlin.test.Test
import kotlin.test.assertEquals

class CompactHiddenTest {
    @Test
    fun plainBelowOneThousand() {
        assertEquals("0", compactNumber(0))
        assertEquals("999", compactNumber(999))
        assertEquals("-999", compactNumber(-999))
        assertEquals("42", compactNumber(42))
    }

    @Test
    fun oneDecimalBelowHundredUnits() {
        assertEquals("1K", compactNumber(1000))
        assertEquals("1K", compactNumber(1049))
        assertEquals("1.1K", compactNumber(1050))
        assertEquals("1.2K", compactNumber(1234))
        assertEquals("99.9K", compactNumber(99_949))
        assertEquals("2M", compactNumber(2_000_000))
        assertEquals("2.5B", compactNumber(2_450_000_000))
    }

    @Test
    fun noDecimalFromHundredUnits() {
        assertEquals("123K", compactNumber(123_456))
        assertEquals("124K", compactNumber(123_500))
        assertEquals("999K", compactNumber(999_499))
        assertEquals("100M", compactNumber(100_000_000))
    }

    @Test
    fun roundingCarriesIntoTheNextForm() {
        assertEquals("100K", compactNumber(99_950))
        assertEquals("1M", compactNumber(999_500))
        assertEquals("1M", compactNumber(999_999))
        assertEquals("1B", compactNumber(999_999_999))
        assertEquals("10K", compactNumber(9_950))
        assertEquals("9.9K", compactNumber(9_949))
    }

    @Test
    fun allUnits() {
        assertEquals("1T", compactNumber(1_000_000_000_000))
        assertEquals("1.5P", compactNumber(1_500_000_000_000_000))
        assertEquals("1E", compactNumber(1_000_000_000_000_000_000))
        assertEquals("1E", compactNumber(999_999_999_999_999_999))
    }

    @Test
    fun negatives() {
        assertEquals("-1.1K", compactNumber(-1050))
        assertEquals("-1K", compactNumber(-1049))
        assertEquals("-1M", compactNumber(-999_500))
        assertEquals("-123K", compactNumber(-123_456))
    }

    @Test
    fun extremes() {
        assertEquals("9.2E", compactNumber(Long.MAX_VALUE))
        assertEquals("-9.2E", compactNumber(Long.MIN_VALUE))
        assertEquals("-9.2E", compactNumber(Long.MIN_VALUE + 1))
    }

    @Test
    fun decimalSeparator() {
        assertEquals("1,5K", compactNumber(1500, ','))
        assertEquals("2K", compactNumber(2000, ','))
        assertEquals("123", compactNumber(123, ','))
    }
}
