package kateval.tasks.csvwrite

import kotlin.test.Test
import kotlin.test.assertEquals

class CsvWriterExamplesTest {
    @Test
    fun plainFields() {
        assertEquals("a,b,c", csvRow(listOf("a", "b", "c")))
    }
}
