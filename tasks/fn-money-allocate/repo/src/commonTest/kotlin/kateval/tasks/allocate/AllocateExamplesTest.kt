package kateval.tasks.allocate

import kotlin.test.Test
import kotlin.test.assertEquals

class AllocateExamplesTest {
    @Test
    fun examples() {
        assertEquals(listOf(34L, 33L, 33L), allocate(100, listOf(1, 1, 1)))
        assertEquals(listOf(2L, 3L), allocate(5, listOf(3, 7)))
    }
}
