package kateval.tasks.jsonprint

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotEquals
import kotlin.test.assertNull

class JsonPrinterHiddenTest {
    private fun n(raw: String) = JsonNumber(raw)

    @Test
    fun validNumbersAreAccepted() {
        for (raw in listOf("0", "-0", "12", "-3.25", "1e9", "1E+2", "2.5e-3", "0.0", "1234567890123456789012")) {
            assertEquals(raw, JsonNumber(raw).raw)
            assertEquals(raw, JsonNumber(raw).toString())
        }
    }

    @Test
    fun invalidNumbersAreRejected() {
        for (raw in listOf("", "01", "+1", "1.", ".5", "1e", "1e+", " 1", "1 ", "NaN", "-", "--1", "0x10", "1.2.3", "١")) {
            assertFailsWith<IllegalArgumentException>(raw) { JsonNumber(raw) }
        }
    }

    @Test
    fun numberFromLongIncludingMinValue() {
        assertEquals("-9223372036854775808", JsonNumber.of(Long.MIN_VALUE).raw)
        assertEquals("42", JsonNumber.of(42).toCompactJson())
        assertEquals(JsonNumber("42"), JsonNumber.of(42L))
        assertNotEquals(JsonNumber("1.0"), JsonNumber("1"))
        assertEquals(JsonNumber("7").hashCode(), JsonNumber.of(7).hashCode())
    }

    @Test
    fun objectRejectsDuplicateKeysAndKeepsOrder() {
        assertFailsWith<IllegalArgumentException> { JsonObject(listOf("a" to JsonNull, "a" to JsonBool(true))) }
        val o = JsonObject(listOf("z" to JsonNull, "a" to JsonBool(false)))
        assertEquals(listOf("z", "a"), o.members.map { it.first })
        assertEquals(JsonBool(false), o["a"])
        assertNull(o["missing"])
    }

    @Test
    fun objectEqualityIgnoresOrder() {
        val a = JsonObject(listOf("x" to JsonNumber("1"), "y" to JsonString("s")))
        val b = JsonObject(listOf("y" to JsonString("s"), "x" to JsonNumber("1")))
        assertEquals(a, b)
        assertEquals(a.hashCode(), b.hashCode())
        assertNotEquals(a, JsonObject(listOf("x" to JsonNumber("2"), "y" to JsonString("s"))))
        assertNotEquals<JsonValue>(a, JsonArray(emptyList()))
    }

    @Test
    fun compactPrintingOfNestedValues() {
        val v = JsonObject(listOf(
            "a" to JsonArray(listOf(n("1"), JsonBool(true), JsonNull)),
            "b" to JsonString("x"),
            "c" to JsonObject(emptyList()),
            "d" to JsonArray(emptyList()),
        ))
        assertEquals("""{"a":[1,true,null],"b":"x","c":{},"d":[]}""", v.toCompactJson())
        assertEquals("null", JsonNull.toCompactJson())
        assertEquals("false", JsonBool(false).toCompactJson())
    }

    @Test
    fun stringEscapes() {
        val s = JsonString("q\" b\\ /\b\u000C\n\r\t\u0001\u001F\u007F")
        assertEquals("\"q\\\" b\\\\ /\\b\\f\\n\\r\\t\\u0001\\u001f\u007F\"", s.toCompactJson())
        assertEquals("\"\"", JsonString("").toCompactJson())
    }

    @Test
    fun keysAreEscapedToo() {
        val o = JsonObject(listOf("a\"b\n" to JsonNull))
        assertEquals("{\"a\\\"b\\n\":null}", o.toCompactJson())
    }

    @Test
    fun nonAsciiIsKeptUnlessAsciiOnly() {
        val s = JsonString("é€😀~")
        assertEquals("\"é€😀~\"", s.toCompactJson())
        assertEquals("\"\\u00e9\\u20ac\\ud83d\\ude00~\"", s.toCompactJson(asciiOnly = true))
        assertEquals("\"\\u007f\"", JsonString("\u007F").toCompactJson(asciiOnly = true))
    }

    @Test
    fun prettyPrintingMatchesTheExample() {
        val v = JsonObject(listOf(
            "name" to JsonString("Ada"),
            "tags" to JsonArray(listOf(JsonString("x"), JsonArray(emptyList()))),
            "meta" to JsonObject(emptyList()),
        ))
        val expected = "{\n  \"name\": \"Ada\",\n  \"tags\": [\n    \"x\",\n    []\n  ],\n  \"meta\": {}\n}"
        assertEquals(expected, v.toPrettyJson())
    }

    @Test
    fun prettyPrintingWithOtherIndents() {
        val v = JsonArray(listOf(n("1"), JsonObject(listOf("k" to JsonNull))))
        assertEquals("[\n1,\n{\n\"k\": null\n}\n]", v.toPrettyJson(0))
        assertEquals("[\n    1,\n    {\n        \"k\": null\n    }\n]", v.toPrettyJson(4))
        assertEquals("\"é\"", JsonString("é").toPrettyJson())
        assertEquals("[]", JsonArray(emptyList()).toPrettyJson())
    }

    @Test
    fun prettyIndentOutOfRange() {
        assertFailsWith<IllegalArgumentException> { JsonNull.toPrettyJson(-1) }
        assertFailsWith<IllegalArgumentException> { JsonNull.toPrettyJson(9) }
    }
}
