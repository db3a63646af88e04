package kateval.tasks.template

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class TemplateFilterHiddenTest {
    private fun r(src: String, vararg ctx: Pair<String, Any?>): String = Templates.compile(src).render(mapOf(*ctx))

    private fun assertCompileError(src: String) {
        assertFailsWith<TemplateException>("expected compile error for: $src") { Templates.compile(src) }
    }

    @Test
    fun caseAndTrimFiltersChainLeftToRight() {
        assertEquals("[ADA LOVELACE]", r("[{{ user.name | trim | upper }}]", "user" to mapOf("name" to "  Ada Lovelace ")))
        assertEquals("grace", r("{{name|lower}}", "name" to "GRACE"))
        assertEquals("ÉCOLE", r("{{ w | upper }}", "w" to "école"))
        assertEquals("42", r("{{ n | upper }}", "n" to 42))
    }

    @Test
    fun defaultReplacesOnlyMissingOrEmptyValues() {
        assertEquals("anonymous", r("{{ nick | default:\"anonymous\" }}"))
        assertEquals("anonymous", r("{{ nick | default:\"anonymous\" }}", "nick" to ""))
        assertEquals("zed", r("{{ nick | default:\"anonymous\" }}", "nick" to "zed"))
        assertEquals("0", r("{{ n | default:5 }}", "n" to 0))
        assertEquals("-7", r("{{ n | default:-7 }}"))
        assertEquals(" ", r("{{ n | default:\"x\" }}", "n" to " "))
    }

    @Test
    fun truncateKeepsPrefixAndAddsEllipsis() {
        assertEquals("Hello...", r("{{ t | truncate:5 }}", "t" to "Hello world"))
        assertEquals("Hello", r("{{ t | truncate:5 }}", "t" to "Hello"))
        assertEquals("...", r("{{ t | truncate:0 }}", "t" to "x"))
        assertEquals("", r("{{ t | truncate:0 }}", "t" to ""))
        assertEquals("12...", r("{{ t | truncate:2 }}", "t" to 123456))
        assertEquals("[]", r("[{{ missing | truncate:3 }}]"))
    }

    @Test
    fun joinFormatsLists() {
        assertEquals("a, b, c", r("{{ tags | join:\", \" }}", "tags" to listOf("a", "b", "c")))
        assertEquals("", r("{{ tags | join:\"-\" }}", "tags" to emptyList<String>()))
        assertEquals("a--1", r("{{ tags | join:\"-\" }}", "tags" to listOf("a", null, 1)))
        assertEquals("plain", r("{{ tags | join:\"-\" }}", "tags" to "plain"))
        assertEquals("<>", r("<{{ tags | join:\"-\" }}>"))
        assertEquals("X|Y", r("{{ tags | join:\"|\" | upper }}", "tags" to listOf("x", "y")))
    }

    @Test
    fun lengthCountsStringsCollectionsAndMaps() {
        assertEquals("5", r("{{ s | length }}", "s" to "héllo"))
        assertEquals("3", r("{{ s | length }}", "s" to listOf(1, 2, 3)))
        assertEquals("2", r("{{ s | length }}", "s" to mapOf("a" to 1, "b" to 2)))
        assertEquals("0", r("{{ s | length }}"))
        assertEquals("4", r("{{ s | length }}", "s" to 1234))
        assertEquals("0", r("{{ s | trim | length }}", "s" to "   "))
    }

    @Test
    fun replaceSubstitutesAllOccurrences() {
        assertEquals("2024 01 31", r("{{ d | replace:\"-\",\" \" }}", "d" to "2024-01-31"))
        assertEquals("say 'hi'", r("{{ d | replace:\"\\\"\", \"'\" }}", "d" to "say \"hi\""))
        assertEquals("", r("{{ d | replace:\"a\",\"b\" }}"))
        assertEquals("bbb", r("{{ d|replace:\"a\",\"b\" }}", "d" to "aaa"))
    }

    @Test
    fun stringLiteralsMayContainTagSyntaxAndEscapes() {
        assertEquals("}} | {{", r("{{ x | default:\"}} | {{\" }}"))
        assertEquals("a\\b", r("{{ x | default:\"a\\\\b\" }}"))
        assertEquals("line1\nline2", r("{{ x | default:\"line1\\nline2\" }}"))
        assertEquals("a:b,c", r("{{ x | default:\"a:b,c\" }}"))
    }

    @Test
    fun filterOrderMatters() {
        assertEquals("none", r("{{ x | upper | default:\"none\" }}"))
        assertEquals("NONE", r("{{ x | default:\"none\" | upper }}"))
        assertEquals("ABC...", r("{{ x | upper | truncate:3 }}", "x" to "abcdef"))
        assertEquals("3", r("{{ x | truncate:3 | length }}", "x" to "abc"))
        assertEquals("6", r("{{ x | truncate:3 | length }}", "x" to "abcd"))
    }

    @Test
    fun unknownFiltersFailAtCompileTime() {
        assertCompileError("{{ x | shout }}")
        assertCompileError("never rendered {{ x | upper | Upper }}")
    }

    @Test
    fun wrongArgumentsFailAtCompileTime() {
        assertCompileError("{{ x | upper:1 }}")
        assertCompileError("{{ x | truncate }}")
        assertCompileError("{{ x | truncate:\"3\" }}")
        assertCompileError("{{ x | truncate:-1 }}")
        assertCompileError("{{ x | truncate:3,4 }}")
        assertCompileError("{{ x | join:1 }}")
        assertCompileError("{{ x | replace:\"a\" }}")
        assertCompileError("{{ x | replace:\"\",\"b\" }}")
        assertCompileError("{{ x | replace:\"a\",2 }}")
        assertCompileError("{{ x | default }}")
        assertCompileError("{{ x | default:\"a\",\"b\" }}")
        assertCompileError("{{ x | length:\"\" }}")
    }

    @Test
    fun integerEndsAtTheFirstNonDigit() {
        // whitespace is optional between tokens, so a `|` or `}}` may follow the digits directly
        assertEquals("ABC...", r("{{ t | truncate:3|upper }}", "t" to "abcdef"))
        assertEquals("ab...", r("{{t|truncate:2}}", "t" to "abcdef"))
        // a letter, digit or `_` right after the digits is an error
        assertCompileError("{{ t | truncate:3a }}")
        assertCompileError("{{ t | truncate:3_ }}")
        // a template that ends inside the tag, right after or one character after the number
        assertCompileError("{{ t | truncate:3")
        assertCompileError("{{ t | truncate:3}")
    }

    @Test
    fun malformedFilterSyntaxFailsAtCompileTime() {
        assertCompileError("{{ x | }}")
        assertCompileError("{{ x || upper }}")
        assertCompileError("{{ | upper }}")
        assertCompileError("{{ x | truncate: }}")
        assertCompileError("{{ x | truncate:3, }}")
        assertCompileError("{{ x | truncate:3 4 }}")
        assertCompileError("{{ x | default:\"abc }}")
        assertCompileError("{{ x | default:\"\\q\" }}")
        assertCompileError("{{ x | truncate:99999999999 }}")
        assertCompileError("{{ x | truncate:- }}")
        assertCompileError("{{ x : 3 }}")
        assertCompileError("{{ x upper }}")
    }

    @Test
    fun textOutsideTagsIsUntouchedAndTemplatesAreReusable() {
        val t = Templates.compile("a|b: \"q\" {{ who | default:\"you\" | upper }} }} , done")
        assertEquals("a|b: \"q\" YOU }} , done", t.render(emptyMap()))
        assertEquals("a|b: \"q\" BOB }} , done", t.render(mapOf("who" to "bob")))
        assertEquals("", Templates.compile("").render(emptyMap()))
    }
}
