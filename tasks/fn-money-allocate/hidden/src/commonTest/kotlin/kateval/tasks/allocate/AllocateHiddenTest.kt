package kateval.tasks.allocate

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class AllocateHiddenTest {
    @Test
    fun evenSplitGivesLeftoverToFirst() {
        assertEquals(listOf(34L, 33L, 33L), allocate(100, listOf(1, 1, 1)))
        assertEquals(listOf(1L, 1L, 0L), allocate(2, listOf(1, 1, 1)))
        assertEquals(listOf(25L, 25L, 25L, 25L), allocate(100, listOf(1, 1, 1, 1)))
    }

    @Test
    fun largestRemainderWins() {
        assertEquals(listOf(2L, 3L), allocate(5, listOf(3, 7)))
        // 10 * [1, 2, 4] / 7 = 1.43, 2.86, 5.71 -> floors 1, 2, 5, two left: remainders 3/7, 6/7, 5/7
        assertEquals(listOf(1L, 3L, 6L), allocate(10, listOf(1, 2, 4)))
    }

    @Test
    fun zeroRatiosGetNothing() {
        assertEquals(listOf(0L, 1L, 0L, 0L), allocate(1, listOf(0, 1, 0, 1)))
        assertEquals(listOf(0L, 7L), allocate(7, listOf(0, 3)))
        assertEquals(listOf(0L, 0L), allocate(0, listOf(1, 1)))
    }

    @Test
    fun negativeTotals() {
        assertEquals(listOf(-34L, -33L, -33L), allocate(-100, listOf(1, 1, 1)))
        assertEquals(listOf(-2L, -3L), allocate(-5, listOf(3, 7)))
    }

    @Test
    fun hugeTotalsDoNotOverflow() {
        val shares = allocate(Long.MAX_VALUE, listOf(Int.MAX_VALUE - 1, 1))
        assertEquals(Long.MAX_VALUE, shares[0] + shares[1])
        assertEquals(listOf(9223372032559808509L, 4294967298L), shares)
        val three = allocate(Long.MAX_VALUE, listOf(1, 1, 1))
        assertEquals(listOf(3074457345618258603L, 3074457345618258602L, 3074457345618258602L), three)
    }

    @Test
    fun minValueWorks() {
        assertEquals(listOf(Long.MIN_VALUE), allocate(Long.MIN_VALUE, listOf(5)))
        assertEquals(listOf(Long.MIN_VALUE / 2, Long.MIN_VALUE / 2), allocate(Long.MIN_VALUE, listOf(1, 1)))
        val s = allocate(Long.MIN_VALUE, listOf(1, 1, 1))
        assertEquals(listOf(-3074457345618258603L, -3074457345618258603L, -3074457345618258602L), s)
        assertEquals(0L, allocate(Long.MIN_VALUE, listOf(0, 3)).first())
    }

    @Test
    fun sharesAlwaysAddUp() {
        val ratioSets = listOf(listOf(1), listOf(2, 3, 5), listOf(7, 0, 7, 1), listOf(1000, 1, 1), listOf(13, 17, 19, 23))
        for (ratios in ratioSets) for (total in listOf(0L, 1L, 99L, 1001L, 123456789L, -77L)) {
            val shares = allocate(total, ratios)
            assertEquals(total, shares.sum(), "$total by $ratios")
            assertEquals(ratios.size, shares.size)
        }
    }

    @Test
    fun invalidRatios() {
        assertFailsWith<IllegalArgumentException> { allocate(10, emptyList()) }
        assertFailsWith<IllegalArgumentException> { allocate(10, listOf(0, 0)) }
        assertFailsWith<IllegalArgumentException> { allocate(10, listOf(1, -1, 3)) }
        assertFailsWith<IllegalArgumentException> { allocate(10, listOf(Int.MAX_VALUE, 1)) }
    }
}
