package kateval.tasks.csvread

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class CsvHiddenTest {
    private fun failsAt(text: String, line: Int, column: Int, delimiter: Char = ',') {
        val e = assertFailsWith<CsvException> { parseCsv(text, delimiter) }
        assertEquals(line to column, e.line to e.column, "position for <$text>")
    }

    @Test
    fun simpleRecordsWithLfAndCrlf() {
        assertEquals(listOf(listOf("a", "b"), listOf("c", "d")), parseCsv("a,b\nc,d"))
        assertEquals(listOf(listOf("a", "b"), listOf("c", "d")), parseCsv("a,b\r\nc,d\r\n"))
        assertEquals(listOf(listOf("a")), parseCsv("a\n"))
    }

    @Test
    fun emptyInputAndEmptyLines() {
        assertEquals(emptyList(), parseCsv(""))
        assertEquals(listOf(listOf("")), parseCsv("\n"))
        assertEquals(listOf(listOf("a"), listOf(""), listOf("b")), parseCsv("a\n\nb"))
        assertEquals(listOf(listOf("a"), listOf("")), parseCsv("a\r\n\r\n"))
    }

    @Test
    fun emptyFieldsAndSpaces() {
        assertEquals(listOf(listOf("a", "", "b")), parseCsv("a,,b"))
        assertEquals(listOf(listOf("a", "")), parseCsv("a,"))
        assertEquals(listOf(listOf("", "")), parseCsv(","))
        assertEquals(listOf(listOf("a ", " b")), parseCsv("a , b"))
    }

    @Test
    fun loneCarriageReturnIsData() {
        assertEquals(listOf(listOf("a\rb", "c")), parseCsv("a\rb,c"))
        assertEquals(listOf(listOf("a\r")), parseCsv("a\r"))
    }

    @Test
    fun quotedFields() {
        assertEquals(listOf(listOf("a,b", "say \"hi\"", "")), parseCsv("\"a,b\",\"say \"\"hi\"\"\",\"\""))
        assertEquals(listOf(listOf("line1\nline2", "x"), listOf("y")), parseCsv("\"line1\nline2\",x\ny"))
        assertEquals(listOf(listOf("a\r\nb")), parseCsv("\"a\r\nb\"\r\n"))
        assertEquals(listOf(listOf("\"")), parseCsv("\"\"\"\""))
    }

    @Test
    fun otherDelimiters() {
        assertEquals(listOf(listOf("a", "b,c"), listOf("d", "e;f")), parseCsv("a;b,c\nd;\"e;f\"", ';'))
        assertEquals(listOf(listOf("1", "2")), parseCsv("1\t2", '\t'))
        assertFailsWith<IllegalArgumentException> { parseCsv("a", '"') }
        assertFailsWith<IllegalArgumentException> { parseCsv("a", '\n') }
        assertFailsWith<IllegalArgumentException> { parseCsv("a", '\r') }
    }

    @Test
    fun unicodeIsKept() {
        assertEquals(listOf(listOf("Zoë", "😀"), listOf("日本")), parseCsv("Zoë,\"😀\"\n日本"))
    }

    @Test
    fun quoteInsideUnquotedField() {
        failsAt("ab\"c", 1, 3)
        failsAt("x,y\nok,a\"b", 2, 5)
    }

    @Test
    fun characterAfterClosingQuote() {
        failsAt("a,b\n\"x\"y", 2, 4)
        failsAt("\"x\" ,y", 1, 4)
        failsAt("\"multi\nline\"z", 2, 6)
        failsAt("\"x\"\r", 1, 4)
    }

    @Test
    fun unterminatedQuotePointsAtTheOpeningQuote() {
        failsAt("a,\"never closed", 1, 3)
        failsAt("a\nb,c,\"x\ny", 2, 5)
        failsAt("\"", 1, 1)
    }

    @Test
    fun columnsCountUtf16Units() {
        failsAt("😀\"", 1, 3)
    }
}
