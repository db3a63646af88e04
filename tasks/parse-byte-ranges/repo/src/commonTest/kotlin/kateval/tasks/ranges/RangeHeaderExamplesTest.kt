package kateval.tasks.ranges

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class RangeHeaderExamplesTest {
    @Test
    fun examplesFromTheInstructions() {
        assertEquals(listOf(ByteRange(0, 499)), parseRangeHeader("bytes=0-499", 10000))
        assertEquals(listOf(ByteRange(9500, 9999)), parseRangeHeader("bytes=-500", 10000))
        assertEquals(listOf(ByteRange(0, 99), ByteRange(500, 600)), parseRangeHeader("bytes=500-600, 0-99", 10000))
        assertEquals(listOf(ByteRange(0, 199)), parseRangeHeader("bytes=0-99,100-199", 10000))
        assertFailsWith<UnsatisfiableRangeException> { parseRangeHeader("bytes=20000-", 10000) }
        assertFailsWith<IllegalArgumentException> { parseRangeHeader("items=0-5", 10000) }
    }
}
