package kateval.tasks.plural

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kateval.tasks.plural.PluralCategory.*

class PluralHiddenTest {
    private fun cats(locale: String, vararg ns: Long) = ns.map { pluralCategory(locale, it) }

    @Test
    fun englishLikeLanguages() {
        assertEquals(listOf(OTHER, ONE, OTHER, OTHER, ONE), cats("en", 0, 1, 2, 11, -1))
        assertEquals(listOf(ONE, OTHER), cats("de-AT", 1, 21))
        assertEquals(listOf(ONE, OTHER), cats("NL", 1, 101))
    }

    @Test
    fun french() {
        assertEquals(listOf(ONE, ONE, OTHER, OTHER, MANY, MANY, OTHER), cats("fr_CA", 0, 1, 2, 1_000, 1_000_000, 3_000_000, 1_000_001))
    }

    @Test
    fun russianAndUkrainian() {
        assertEquals(listOf(MANY, ONE, FEW, FEW, MANY, MANY, MANY, MANY, ONE, FEW, MANY, ONE),
            cats("ru", 0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 111, 101))
        assertEquals(listOf(ONE, FEW, MANY), cats("uk-UA", 31, 1_000_003, 1_000_012))
        assertEquals(listOf(ONE, FEW), cats("ru", -21, -2))
    }

    @Test
    fun polish() {
        assertEquals(listOf(MANY, ONE, FEW, MANY, MANY, FEW, MANY, MANY), cats("pl", 0, 1, 2, 5, 12, 22, 21, 112))
    }

    @Test
    fun arabic() {
        assertEquals(listOf(ZERO, ONE, TWO, FEW, FEW, MANY, MANY, OTHER, OTHER, FEW, MANY), cats("ar", 0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 1011))
    }

    @Test
    fun noPluralsAndExtremes() {
        assertEquals(listOf(OTHER, OTHER), cats("ja", 1, 2))
        assertEquals(listOf(OTHER), cats("zh-Hant-TW", 1))
        assertEquals(MANY, pluralCategory("ru", Long.MIN_VALUE)) // ...808: mod 10 = 8
        assertEquals(FEW, pluralCategory("pl", Long.MAX_VALUE - 5)) // ...802
        assertEquals(OTHER, pluralCategory("en", Long.MIN_VALUE))
        assertFailsWith<IllegalArgumentException> { pluralCategory("xx", 1) }
        assertFailsWith<IllegalArgumentException> { pluralCategory("", 1) }
    }

    @Test
    fun formatRejectsAnUnknownLocaleEvenWithoutPlurals() {
        // the locale is an argument of format: an unknown one is an error whatever the pattern
        assertFailsWith<IllegalArgumentException> { Message.compile("Hello {name}").format("xx", mapOf("name" to "Ann")) }
        assertFailsWith<IllegalArgumentException> { Message.compile("plain").format("", emptyMap()) }
        val exact = Message.compile("{n, plural, =0 {none} other {#}}")
        assertFailsWith<IllegalArgumentException> { exact.format("xx", mapOf("n" to 0)) }
        assertEquals("plain", Message.compile("plain").format("ja", emptyMap()))
    }

    @Test
    fun basicPluralMessage() {
        val m = Message.compile("{count, plural, =0 {No files} one {# file} other {# files}} in {folder}")
        assertEquals("No files in Inbox", m.format("en", mapOf("count" to 0, "folder" to "Inbox")))
        assertEquals("1 file in Inbox", m.format("en", mapOf("count" to 1, "folder" to "Inbox")))
        assertEquals("42 files in Inbox", m.format("en", mapOf("count" to 42L, "folder" to "Inbox")))
        assertEquals("-1 file in X", m.format("en", mapOf("count" to -1, "folder" to "X")))
    }

    @Test
    fun categoriesPerLocale() {
        val m = Message.compile("{n, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}")
        assertEquals("22 файла", m.format("ru", mapOf("n" to 22)))
        assertEquals("11 файлов", m.format("ru", mapOf("n" to 11)))
        assertEquals("21 файл", m.format("ru", mapOf("n" to 21)))
        assertEquals("1 файл", m.format("en", mapOf("n" to 1)))
        assertEquals("5 файла", m.format("en", mapOf("n" to 5)))
    }

    @Test
    fun exactMatchWinsAndIsExact() {
        val m = Message.compile("{n,plural,=1{exactly one}one{one-ish #}other{#}}")
        assertEquals("exactly one", m.format("en", mapOf("n" to 1)))
        assertEquals("one-ish -1", m.format("en", mapOf("n" to -1)))
        assertEquals("one-ish 21", m.format("ru", mapOf("n" to 21)))
    }

    @Test
    fun nestedPluralsAndArguments() {
        val m = Message.compile("{a, plural, one {# apple{b, plural, one { and # pear} other { and # pears}}} other {# apples for {who}}}")
        assertEquals("1 apple and 1 pear", m.format("en", mapOf("a" to 1, "b" to 1)))
        assertEquals("1 apple and 3 pears", m.format("en", mapOf("a" to 1, "b" to 3)))
        assertEquals("2 apples for Ann", m.format("en", mapOf("a" to 2, "who" to "Ann")))
    }

    @Test
    fun escapesAndHashOutsidePlural() {
        val m = Message.compile("Item \\{#\\} \\\\ {n, plural, other {\\# is #}}")
        assertEquals("Item {#} \\ # is 7", m.format("en", mapOf("n" to 7)))
        assertEquals("{ name }", Message.compile("\\{ name \\}").format("en", emptyMap()))
        assertEquals("Hi Bo", Message.compile("Hi { name }").format("en", mapOf("name" to "Bo")))
    }

    @Test
    fun syntaxErrors() {
        val bad = listOf(
            "{", "}", "{}", "{ }", "{a", "{a b}", "{a-b}", "{n, select, other {x}}", "{n, plural}", "{n, plural, }",
            "{n, plural, one {x}}", "{n, plural, other {x} other {y}}", "{n, plural, =1 {a} =1 {b} other {c}}",
            "{n, plural, some {x} other {y}}", "{n, plural, other x}", "{n, plural, = {x} other {y}}",
            "{n, plural, other {x}", "{n, plural, other {x}}}", "abc\\", "{n, plural other {x}}",
        )
        for (p in bad) assertFailsWith<IllegalArgumentException>(p) { Message.compile(p) }
    }

    @Test
    fun formatErrors() {
        val m = Message.compile("{n, plural, other {#}} {x}")
        assertFailsWith<IllegalArgumentException> { m.format("en", mapOf("x" to 1)) }
        assertFailsWith<IllegalArgumentException> { m.format("en", mapOf("n" to 1)) }
        assertFailsWith<IllegalArgumentException> { m.format("en", mapOf("n" to "1", "x" to 1)) }
        assertFailsWith<IllegalArgumentException> { m.format("tlh", mapOf("n" to 1, "x" to 1)) }
    }
}
