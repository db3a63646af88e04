package kateval.tasks.template

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class TemplateBasicsTest {
    @Test
    fun interpolatesNestedPaths() {
        val t = Templates.compile("Hello {{ user.name }}, you have {{count}} new messages.")
        assertEquals(
            "Hello Ada, you have 3 new messages.",
            t.render(mapOf("user" to mapOf("name" to "Ada"), "count" to 3)),
        )
    }

    @Test
    fun missingValuesRenderAsEmpty() {
        assertEquals("[]", Templates.compile("[{{ a.b.c }}]").render(mapOf("a" to "not a map")))
    }

    @Test
    fun syntaxErrorsAreReportedAtCompileTime() {
        assertFailsWith<TemplateException> { Templates.compile("{{ name ") }
        assertFailsWith<TemplateException> { Templates.compile("{{ }}") }
        assertFailsWith<TemplateException> { Templates.compile("{{ a. }}") }
    }
}
