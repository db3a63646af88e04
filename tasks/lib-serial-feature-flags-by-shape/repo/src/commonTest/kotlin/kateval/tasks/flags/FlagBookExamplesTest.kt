package kateval.tasks.flags

import kotlin.test.Test
import kotlin.test.assertEquals

class FlagBookExamplesTest {
    @Test
    fun theExample() {
        val book = FlagBook.parse("""{"flags": [{"key": "paywall", "variants": {"b": 3, "a": 1}}]}""")
        assertEquals(Variants("paywall", mapOf("a" to 1, "b" to 3)), book.flags["paywall"])
        assertEquals("b", book.variantFor("paywall", 42))
    }
}
