package kateval.tasks.grouping

import kotlin.test.Test
import kotlin.test.assertEquals

class GroupingHiddenTest {
    @Test
    fun smallNumbersHaveNoSeparator() {
        assertEquals("0", groupDigits(0))
        assertEquals("7", groupDigits(7))
        assertEquals("999", groupDigits(999))
        assertEquals("-999", groupDigits(-999))
        assertEquals("999", groupDigits(999, style = GroupingStyle.INDIAN))
    }

    @Test
    fun western() {
        assertEquals("1,000", groupDigits(1000))
        assertEquals("1,234,567", groupDigits(1234567))
        assertEquals("12,345", groupDigits(12345))
        assertEquals("123,456", groupDigits(123456))
    }

    @Test
    fun indian() {
        assertEquals("1,000", groupDigits(1000, style = GroupingStyle.INDIAN))
        assertEquals("12,345", groupDigits(12345, style = GroupingStyle.INDIAN))
        assertEquals("1,00,000", groupDigits(100000, style = GroupingStyle.INDIAN))
        assertEquals("12,34,567", groupDigits(1234567, style = GroupingStyle.INDIAN))
        assertEquals("1,23,45,67,890", groupDigits(1234567890, style = GroupingStyle.INDIAN))
    }

    @Test
    fun negatives() {
        assertEquals("-1,234", groupDigits(-1234))
        assertEquals("-1,00,000", groupDigits(-100000, style = GroupingStyle.INDIAN))
    }

    @Test
    fun extremes() {
        assertEquals("9,223,372,036,854,775,807", groupDigits(Long.MAX_VALUE))
        assertEquals("-9,223,372,036,854,775,808", groupDigits(Long.MIN_VALUE))
        assertEquals("-92,23,37,20,36,85,47,75,808", groupDigits(Long.MIN_VALUE, style = GroupingStyle.INDIAN))
    }

    @Test
    fun otherSeparators() {
        assertEquals("1 234 567", groupDigits(1234567, " "))
        assertEquals("1\u202F234", groupDigits(1234, "\u202F"))
        assertEquals("1'000'000", groupDigits(1_000_000, "'"))
        assertEquals("1234567", groupDigits(1234567, ""))
        assertEquals("12<>34<>567", groupDigits(1234567, "<>", GroupingStyle.INDIAN))
    }
}
