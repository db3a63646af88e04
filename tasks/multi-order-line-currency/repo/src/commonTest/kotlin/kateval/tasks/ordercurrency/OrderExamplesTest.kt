package kateval.tasks.ordercurrency

import kotlin.test.Test
import kotlin.test.assertEquals

class OrderExamplesTest {
    @Test
    fun parsesAndFormatsAnEuroLine() {
        val line = (parseLine("mug;2;12.50") as ParseResult.Ok).line
        assertEquals(1250L, line.unitPriceMinor)
        assertEquals("2 x mug @ 12.50 EUR\ntotal 25.00 EUR", formatOrder(Order("o1", listOf(line))))
    }
}
