package kateval.tasks.retrysched

import kotlin.test.Test
import kotlin.test.assertEquals

class RetrySmokeTest {
    @Test
    fun firstRetriesDouble() {
        val s = RetryScheduler()
        s.onFailure(0); assertEquals(1_000, s.nextRunAt)
        s.onFailure(1_000); assertEquals(3_000, s.nextRunAt)
    }
}
