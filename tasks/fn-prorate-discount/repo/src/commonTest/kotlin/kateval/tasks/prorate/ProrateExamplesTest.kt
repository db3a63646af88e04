package kateval.tasks.prorate

import kotlin.test.Test
import kotlin.test.assertEquals

class ProrateExamplesTest {
    @Test
    fun examplesFromTheInstructions() {
        assertEquals(listOf(34L, 33L, 33L), prorateDiscount(listOf(100L, 100L, 100L), 100L))
        assertEquals(listOf(25L, 75L), prorateDiscount(listOf(1000L, 3000L), 100L))
        assertEquals(listOf(1L, 0L, 0L), prorateDiscount(listOf(50L, 0L, 50L), 1L))
        assertEquals(listOf(0L, 0L), prorateDiscount(listOf(10L, 20L), 0L))
    }
}
