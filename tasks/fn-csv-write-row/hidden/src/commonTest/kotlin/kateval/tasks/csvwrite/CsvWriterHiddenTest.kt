package kateval.tasks.csvwrite

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class CsvWriterHiddenTest {
    @Test
    fun plainFieldsAreNotQuoted() {
        assertEquals("a,b c,1.5", csvRow(listOf("a", "b c", "1.5")))
        assertEquals("Zoë,😀,日本", csvRow(listOf("Zoë", "😀", "日本")))
    }

    @Test
    fun nullAndEmptyDiffer() {
        assertEquals(",\"\",x", csvRow(listOf(null, "", "x")))
        assertEquals("", csvRow(listOf(null)))
        assertEquals("\"\"", csvRow(listOf("")))
        assertEquals(",", csvRow(listOf(null, null)))
    }

    @Test
    fun emptyListGivesEmptyString() {
        assertEquals("", csvRow(emptyList()))
    }

    @Test
    fun delimiterQuoteAndLineBreaksAreQuoted() {
        assertEquals("\"a,b\"", csvRow(listOf("a,b")))
        assertEquals("\"say \"\"hi\"\"\"", csvRow(listOf("say \"hi\"")))
        assertEquals("\"l1\nl2\",\"x\ry\"", csvRow(listOf("l1\nl2", "x\ry")))
        assertEquals("\"\"\"\"", csvRow(listOf("\"")))
    }

    @Test
    fun leadingOrTrailingBlanksAreQuoted() {
        assertEquals("\" a\",\"b \",\"\tc\",\"d\t\",e f", csvRow(listOf(" a", "b ", "\tc", "d\t", "e f")))
        assertEquals("\" \"", csvRow(listOf(" ")))
    }

    @Test
    fun otherDelimiter() {
        assertEquals("a,b;\"c;d\"", csvRow(listOf("a,b", "c;d"), ';'))
        assertEquals("x|y", csvRow(listOf("x", "y"), '|'))
    }

    @Test
    fun badDelimiters() {
        for (d in listOf('"', '\r', '\n', ' ', '\t')) {
            assertFailsWith<IllegalArgumentException>("delimiter code ${d.code}") { csvRow(listOf("a"), d) }
        }
    }
}
