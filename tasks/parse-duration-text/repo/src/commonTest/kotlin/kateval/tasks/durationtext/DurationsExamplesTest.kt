package kateval.tasks.durationtext

import kotlin.test.Test
import kotlin.test.assertEquals

class DurationsExamplesTest {
    @Test
    fun examples() {
        assertEquals(5400L, parseDuration("1h 30m"))
        assertEquals("1h 30m", formatDuration(5400))
    }
}
