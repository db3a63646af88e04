package kateval.tasks.spans

import kotlin.test.Test
import kotlin.test.assertEquals

class SpanSetSmokeTest {
    @Test
    fun mergesTouchingSpans() {
        val set = SpanSet.of(1 spanTo 3, 3 spanTo 5)
        assertEquals(listOf(1 spanTo 5), set.spans)
        assertEquals("{[1, 5)}", set.toString())
    }
}
