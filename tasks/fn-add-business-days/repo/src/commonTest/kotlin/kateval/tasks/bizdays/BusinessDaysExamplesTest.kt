package kateval.tasks.bizdays

import kotlin.test.Test
import kotlin.test.assertEquals

class BusinessDaysExamplesTest {
    @Test
    fun examplesFromTheInstructions() {
        assertEquals("2024-03-11", addBusinessDays("2024-03-08", 1))
        assertEquals("2024-03-11", addBusinessDays("2024-03-09", 0))
        assertEquals("2024-12-26", addBusinessDays("2024-12-23", 2, setOf("2024-12-25")))
        assertEquals("2024-03-08", addBusinessDays("2024-03-11", -1))
    }
}
