package kateval.tasks.shipping

import kotlin.test.Test
import kotlin.test.assertEquals

class BillableWeightExamplesTest {
    @Test
    fun examplesFromTheInstructions() {
        assertEquals(1500L, billableWeightGrams(1200, 30, 20, 10))
        assertEquals(500L, billableWeightGrams(100, 1, 1, 1))
        assertEquals(12000L, billableWeightGrams(2000, 50, 40, 30))
        assertEquals(10000L, billableWeightGrams(3000, 121, 10, 10))
    }
}
