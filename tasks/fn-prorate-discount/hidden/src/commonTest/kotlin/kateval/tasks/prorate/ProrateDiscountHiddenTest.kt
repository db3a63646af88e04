package kateval.tasks.prorate

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class ProrateDiscountHiddenTest {

    @Test
    fun equalLinesGiveExtraCentToFirst() {
        assertEquals(listOf(34L, 33L, 33L), prorateDiscount(listOf(100L, 100L, 100L), 100L))
    }

    @Test
    fun exactProportionalSplit() {
        assertEquals(listOf(25L, 75L), prorateDiscount(listOf(1000L, 3000L), 100L))
    }

    @Test
    fun zeroDiscountAndZeroLines() {
        assertEquals(listOf(0L, 0L), prorateDiscount(listOf(10L, 20L), 0L))
        assertEquals(listOf(0L, 0L, 0L), prorateDiscount(listOf(0L, 0L, 0L), 0L))
        assertEquals(emptyList(), prorateDiscount(emptyList(), 0L))
    }

    @Test
    fun zeroAmountLineNeverGetsACent() {
        assertEquals(listOf(1L, 0L, 0L), prorateDiscount(listOf(50L, 0L, 50L), 1L))
        assertEquals(listOf(0L, 0L, 1L), prorateDiscount(listOf(0L, 0L, 7L), 1L))
    }

    @Test
    fun largestRemainderWinsOverIndex() {
        // T=70: exact shares 1.43, 2.86, 5.71 -> floors 1,2,5 (sum 8)
        // remainders 30, 60, 50 -> extra cents to index 1 and 2
        assertEquals(listOf(1L, 3L, 6L), prorateDiscount(listOf(10L, 20L, 40L), 10L))
    }

    @Test
    fun equalRemainderPrefersLargerAmount() {
        // D=2, T=4 : products 2, 6 -> bases 0, 1 ; remainders 2, 2 ; R = 1
        // equal remainders -> larger amount (index 1) gets the cent
        assertEquals(listOf(0L, 2L), prorateDiscount(listOf(1L, 3L), 2L))
        // same amounts at different positions: D=3, T=6 (2,2,2) -> exact 1 each, no rounding
        assertEquals(listOf(1L, 1L, 1L), prorateDiscount(listOf(2L, 2L, 2L), 3L))
        // D=1, amounts 3,1,3 T=7: products 3,1,3 all bases 0, remainders 3,1,3 -> index 0
        assertEquals(listOf(1L, 0L, 0L), prorateDiscount(listOf(3L, 1L, 3L), 1L))
    }

    @Test
    fun tieOnRemainderAndAmountUsesLowerIndex() {
        // D=2, amounts 1,1,1,1 : each exact 0.5 -> first two indices
        assertEquals(listOf(1L, 1L, 0L, 0L), prorateDiscount(listOf(1L, 1L, 1L, 1L), 2L))
        // D=3, amounts 5,2,5,2 (T=14): products 15,6,15,6 -> base 1,0,1,0 ; rem 1,6,1,6
        // R = 1 -> index 1 (remainder 6, lower index than 3)
        assertEquals(listOf(1L, 1L, 1L, 0L), prorateDiscount(listOf(5L, 2L, 5L, 2L), 3L))
    }

    @Test
    fun fullDiscountEqualsAmounts() {
        val lines = listOf(199L, 1L, 0L, 4200L)
        assertEquals(lines, prorateDiscount(lines, lines.sum()))
    }

    @Test
    fun resultAlwaysSumsToDiscountAndIsBounded() {
        val lines = listOf(333L, 1L, 17L, 999L, 250L, 0L, 64L)
        for (d in 0L..lines.sum()) {
            val shares = prorateDiscount(lines, d)
            assertEquals(d, shares.sum(), "sum for discount $d")
            for (i in lines.indices) {
                if (shares[i] > lines[i] || shares[i] < 0) {
                    throw AssertionError("share $i out of bounds for discount $d: $shares")
                }
            }
        }
    }

    @Test
    fun largeValuesDoNotOverflow() {
        val lines = listOf(1_000_000_000L, 1_999_999_999L, 1L)
        val result = prorateDiscount(lines, 2_999_999_999L)
        // bases 999_999_999, 1_999_999_998, 0 ; remainders 2e9, 1_000_000_001, 2_999_999_999
        assertEquals(2_999_999_999L, result.sum())
        assertEquals(listOf(1_000_000_000L, 1_999_999_998L, 1L), result)
    }

    @Test
    fun rejectsNegativeLine() {
        assertFailsWith<IllegalArgumentException> { prorateDiscount(listOf(10L, -1L), 1L) }
    }

    @Test
    fun rejectsNegativeDiscount() {
        assertFailsWith<IllegalArgumentException> { prorateDiscount(listOf(10L), -1L) }
    }

    @Test
    fun rejectsDiscountAboveTotal() {
        assertFailsWith<IllegalArgumentException> { prorateDiscount(listOf(10L, 5L), 16L) }
        assertFailsWith<IllegalArgumentException> { prorateDiscount(emptyList(), 1L) }
        assertFailsWith<IllegalArgumentException> { prorateDiscount(listOf(0L, 0L), 1L) }
    }
}
