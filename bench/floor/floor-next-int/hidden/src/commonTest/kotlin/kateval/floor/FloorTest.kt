package kateval.floor

import kotlin.test.Test
import kotlin.test.assertEquals

class FloorTest {
    @Test
    fun next() = assertEquals(2, next(1))
}
