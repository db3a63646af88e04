package kateval.tasks.jsonread

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class JsonReaderHiddenTest {
    private val reader = JsonReader()

    private fun failsAt(text: String, offset: Int, r: JsonReader = reader) {
        val e = assertFailsWith<JsonParseException>(text) { r.parse(text) }
        assertEquals(offset, e.offset, "offset for <$text>")
    }

    @Test
    fun scalars() {
        assertEquals(JsonNull, reader.parse("null"))
        assertEquals(JsonBool(true), reader.parse(" \t\r\ntrue\n"))
        assertEquals(JsonBool(false), reader.parse("false"))
        assertEquals(JsonNumber("-0.5e+10"), reader.parse("-0.5e+10"))
        assertEquals(JsonNumber("123456789012345678901234567890"), reader.parse("123456789012345678901234567890"))
        assertEquals(JsonString(""), reader.parse("\"\""))
    }

    @Test
    fun nestedStructuresKeepOrder() {
        val v = reader.parse("""{ "b" : [1, {"x":null}, []], "a": {} }""")
        val o = v as JsonObject
        assertEquals(listOf("b", "a"), o.members.keys.toList())
        assertEquals(
            JsonArray(listOf(JsonNumber("1"), JsonObject(mapOf("x" to JsonNull)), JsonArray(emptyList()))),
            o.members["b"],
        )
        assertEquals(JsonObject(emptyMap()), o.members["a"])
    }

    @Test
    fun escapesAndUnicode() {
        assertEquals(JsonString("\"\\/\b\u000C\n\r\t"), reader.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""))
        assertEquals(JsonString("é€"), reader.parse("\"\\u00E9\\u20ac\""))
        assertEquals(JsonString("😀"), reader.parse("\"\\ud83d\\uDE00\""))
        assertEquals(JsonString("a😀b"), reader.parse("\"a😀b\""))
    }

    @Test
    fun endOfInputErrorsPointAtTheEnd() {
        failsAt("", 0)
        failsAt("   ", 3)
        failsAt("tru", 3)
        failsAt("[1, 2", 5)
        failsAt("{\"a\":", 5)
        failsAt("\"abc", 4)
        failsAt("-", 1)
        failsAt("1e", 2)
        failsAt("\"\\u12", 5)
    }

    @Test
    fun unexpectedCharacters() {
        failsAt("trux", 3)
        failsAt("nul!", 3)
        failsAt("[1,]", 3)
        failsAt("{\"a\" 1}", 5)
        failsAt("{\"a\":1,}", 7)
        failsAt("{1:2}", 1)
        failsAt("[1 2]", 3)
        failsAt("01", 1)
        failsAt("1.x", 2)
        failsAt("-a", 1)
        failsAt("+1", 0)
        failsAt("{} x", 3)
        failsAt("\u00A01", 0)
    }

    @Test
    fun controlCharactersInStrings() {
        failsAt("\"a\nb\"", 2)
        failsAt("[\"\t\"]", 2)
        assertEquals(JsonString("\u007F"), reader.parse("\"\u007F\""))
    }

    @Test
    fun badEscapesPointAtTheBackslash() {
        failsAt("\"ab\\x\"", 3)
        failsAt("\"\\u12G4\"", 1)
        failsAt("\"x\\u-123\"", 2)
    }

    @Test
    fun surrogateRules() {
        failsAt("\"\\ud800x\"", 1)
        failsAt("\"\\ud800\\n\"", 1)
        failsAt("\"ab\\udc00\"", 3)
        failsAt("\"\\ud800\\u0041\"", 1)
        failsAt("\"\\ud800\\ud800\"", 1)
    }

    @Test
    fun duplicateKeys() {
        failsAt("{\"a\":1, \"a\":2}", 8)
        failsAt("[{\"k\":1},{\"k\":{\"z\":1,\"z\":2}}]", 21)
        assertEquals(2, (reader.parse("{\"a\":1,\"A\":2}") as JsonObject).members.size)
    }

    @Test
    fun depthLimit() {
        val r = JsonReader(maxDepth = 2)
        assertEquals(JsonArray(listOf(JsonArray(emptyList()))), r.parse("[[]]"))
        failsAt("[[[]]]", 2, r)
        failsAt("{\"a\":[{}]}", 6, r)
        val deep = "[".repeat(64) + "]".repeat(64)
        reader.parse(deep)
        failsAt("[".repeat(65) + "]".repeat(65), 64)
        assertFailsWith<IllegalArgumentException> { JsonReader(0) }
    }

    @Test
    fun maxDepthOneAllowsOnlyFlatValues() {
        // 1 is the smallest valid maxDepth: a top-level array or object, nothing nested
        val r = JsonReader(maxDepth = 1)
        assertEquals(JsonArray(listOf(JsonNumber("1"))), r.parse("[1]"))
        assertEquals(JsonNumber("7"), r.parse("7"))
        failsAt("[[]]", 1, r)
        failsAt("{\"a\":{}}", 5, r)
    }
}
