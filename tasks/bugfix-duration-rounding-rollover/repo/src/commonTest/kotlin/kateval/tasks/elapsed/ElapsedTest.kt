package kateval.tasks.elapsed

import kotlin.test.Test
import kotlin.test.assertEquals

class ElapsedTest {
    @Test
    fun typicalLabels() {
        assertEquals("42s", formatElapsed(42_000))
        assertEquals("3m 07s", formatElapsed(187_000))
        assertEquals("1h 05m", formatElapsed(3_900_000))
    }
}
