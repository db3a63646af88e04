package kateval.tasks.flags

import kotlinx.serialization.SerializationException
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.Json
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

class FlagBookHiddenTest {
    private fun flag(text: String): Flag = Json.decodeFromString(FlagSerializer, text)

    @Test
    fun eachShapeGivesItsClass() {
        assertEquals(Toggle("dark", true), flag("""{"key":"dark","enabled":true}"""))
        assertEquals(Rollout("feed", 25), flag("""{"key":"feed","percent":25}"""))
        assertEquals(Variants("pay", mapOf("a" to 1)), flag("""{"key":"pay","variants":{"a":1}}"""))
    }

    @Test
    fun variantsWinOverPercentWhichWinsOverEnabled() {
        val json = Json { ignoreUnknownKeys = true }
        assertEquals(Rollout("f", 5), json.decodeFromString(FlagSerializer, """{"key":"f","enabled":false,"percent":5}"""))
        assertEquals(Variants("f", mapOf("x" to 2)),
            json.decodeFromString(FlagSerializer, """{"key":"f","percent":5,"variants":{"x":2},"enabled":true}"""))
    }

    @Test
    fun otherShapesAreRefused() {
        assertFailsWith<SerializationException> { flag("""{"key":"f","value":"blue"}""") }
        assertFailsWith<SerializationException> { flag("""["key","f"]""") }
        assertFailsWith<SerializationException> { flag("\"f\"") }
    }

    @Test
    fun aListOfFlagsOfEveryKind() {
        val text = """[{"key":"a","enabled":true},{"key":"b","percent":10},{"key":"c","variants":{"x":1,"y":2}}]"""
        assertEquals(listOf(Toggle("a", true), Rollout("b", 10), Variants("c", mapOf("x" to 1, "y" to 2))),
            Json.decodeFromString(ListSerializer(FlagSerializer), text))
    }

    @Test
    fun parseSkipsWhatItCannotReadOrThatMakesNoSense() {
        val book = FlagBook.parse("""{"version": 9, "flags": [
            {"key": "dark", "enabled": true, "owner": "ui"},
            {"key": "color", "value": "blue"},
            {"enabled": true},
            {"key": "typed", "enabled": "yes"},
            {"key": "low", "percent": -1},
            {"key": "high", "percent": 101},
            {"key": "full", "percent": 100},
            {"key": "none", "percent": 0},
            {"key": "empty", "variants": {}},
            {"key": "zero", "variants": {"a": 0, "b": 1}},
            {"key": "pay", "variants": {"a": 1, "b": 3}},
            42
        ]}""")
        assertEquals(listOf("dark", "full", "none", "pay"), book.flags.keys.sorted())
    }

    @Test
    fun theLaterOfTwoFlagsWins() {
        val book = FlagBook.parse("""{"flags": [{"key":"f","enabled":true},{"key":"f","percent":10},{"key":"f","percent":500}]}""")
        assertEquals(Rollout("f", 10), book.flags["f"])
    }

    @Test
    fun missingFlagsAndBadText() {
        assertEquals(emptyMap(), FlagBook.parse("""{"version": 1}""").flags)
        assertFailsWith<SerializationException> { FlagBook.parse("[]") }
        assertFailsWith<SerializationException> { FlagBook.parse("{flags") }
    }

    @Test
    fun isEnabledForEachKind() {
        val book = FlagBook(mapOf("on" to Toggle("on", true), "off" to Toggle("off", false),
            "quarter" to Rollout("quarter", 25), "pay" to Variants("pay", mapOf("a" to 1))))
        assertTrue(book.isEnabled("on", 99))
        assertFalse(book.isEnabled("off", 0))
        assertTrue(book.isEnabled("quarter", 0))
        assertTrue(book.isEnabled("quarter", 24))
        assertFalse(book.isEnabled("quarter", 25))
        assertTrue(book.isEnabled("pay", 50))
        assertFalse(book.isEnabled("missing", 0))
    }

    @Test
    fun variantRangesFollowTheNames() {
        val book = FlagBook(mapOf("pay" to Variants("pay", mapOf("c" to 5, "a" to 2, "b" to 3)), "on" to Toggle("on", true)))
        val answers = (0..11).map { book.variantFor("pay", it) }
        assertEquals(listOf("a", "a", "b", "b", "b", "c", "c", "c", "c", "c", "a", "a"), answers)
        assertEquals("c", book.variantFor("pay", 99))
        assertNull(book.variantFor("on", 1))
        assertNull(book.variantFor("missing", 1))
    }
}
