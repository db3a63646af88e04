package kateval.tasks.shipping

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class BillableWeightHiddenTest {

    @Test
    fun volumetricWeightWinsAndIsRoundedUp() {
        assertEquals(1500L, billableWeightGrams(1200, 30, 20, 10))
        assertEquals(12000L, billableWeightGrams(2000, 50, 40, 30))
    }

    @Test
    fun actualWeightWins() {
        assertEquals(7500L, billableWeightGrams(7001, 10, 10, 10))
    }

    @Test
    fun minimumStepIs500() {
        assertEquals(500L, billableWeightGrams(1, 1, 1, 1))
        assertEquals(500L, billableWeightGrams(100, 1, 1, 1))
    }

    @Test
    fun exactMultiplesStayUnchanged() {
        assertEquals(500L, billableWeightGrams(500, 1, 1, 1))
        assertEquals(1000L, billableWeightGrams(1000, 10, 10, 10))
        // volumetric exactly 2500 g
        assertEquals(2500L, billableWeightGrams(1, 25, 25, 20))
    }

    @Test
    fun volumetricFractionIsRoundedUpBeforeComparison() {
        // 10 * 12 * 21 = 2520 cm3 -> 504 g volumetric -> 1000 g
        assertEquals(1000L, billableWeightGrams(500, 10, 12, 21))
        // 1 * 41 * 61 = 2501 cm3 -> 500.2 g -> 501 g -> 1000
        assertEquals(1000L, billableWeightGrams(1, 1, 41, 61))
    }

    @Test
    fun longParcelMinimum() {
        assertEquals(10000L, billableWeightGrams(3000, 121, 10, 10))
        assertEquals(10000L, billableWeightGrams(3000, 10, 121, 10))
        assertEquals(10000L, billableWeightGrams(3000, 10, 10, 121))
        assertEquals(12000L, billableWeightGrams(11800, 121, 10, 10))
    }

    @Test
    fun exactly120IsNotLong() {
        assertEquals(3000L, billableWeightGrams(3000, 120, 10, 10))
    }

    @Test
    fun largeVolumesUseLongArithmetic() {
        // 2000^3 = 8e9 cm3 -> 1.6e9 g (volume overflows Int)
        assertEquals(1_600_000_000L, billableWeightGrams(1, 2000, 2000, 2000))
        // 100000^3 = 1e15 -> 2e14 g
        assertEquals(200_000_000_000_000L, billableWeightGrams(Int.MAX_VALUE, 100_000, 100_000, 100_000))
        // Int.MAX_VALUE actual weight rounded up beyond Int range
        assertEquals(2_147_484_000L, billableWeightGrams(Int.MAX_VALUE, 1, 1, 1))
    }

    @Test
    fun rejectsNonPositiveArguments() {
        assertFailsWith<IllegalArgumentException> { billableWeightGrams(0, 10, 10, 10) }
        assertFailsWith<IllegalArgumentException> { billableWeightGrams(-5, 10, 10, 10) }
        assertFailsWith<IllegalArgumentException> { billableWeightGrams(100, 0, 10, 10) }
        assertFailsWith<IllegalArgumentException> { billableWeightGrams(100, 10, -1, 10) }
        assertFailsWith<IllegalArgumentException> { billableWeightGrams(100, 10, 0, 10) }
        assertFailsWith<IllegalArgumentException> { billableWeightGrams(100, -3, 10, 10) }
        assertFailsWith<IllegalArgumentException> { billableWeightGrams(100, 10, 10, -2) }
        assertFailsWith<IllegalArgumentException> { billableWeightGrams(100, 10, 10, 0) }
    }
}
