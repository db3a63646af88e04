package warm

import kotlin.test.Test
import kotlin.test.assertEquals

class WarmTest {
    @Test
    fun warms() = assertEquals(2, warm(1))
}
