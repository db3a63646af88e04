package kateval.tasks.editscript

import kotlin.test.*

class EditScriptHiddenTest {
    private fun l(s: String) = s.map { it.toString() }
    private fun render(a: String, b: String) = editScript(l(a), l(b)).joinToString("") {
        when (it) { is Edit.Keep -> it.line; is Edit.Delete -> "-${it.line}"; is Edit.Insert -> "+${it.line}" }
    }
    private fun changes(s: List<Edit>) = s.count { it !is Edit.Keep }

    @Test
    fun emptyInputs() {
        assertEquals(emptyList(), editScript(emptyList(), emptyList()))
        assertEquals(listOf<Edit>(Edit.Insert("a")), editScript(emptyList(), l("a")))
        assertEquals(listOf<Edit>(Edit.Delete("a"), Edit.Delete("b")), editScript(l("ab"), emptyList()))
    }

    @Test
    fun identicalListsAreAllKeeps() = assertEquals("abc", render("abc", "abc"))

    @Test
    fun swapDeletesFirst() =
        assertEquals(listOf(Edit.Delete("x"), Edit.Keep("y"), Edit.Insert("x")), editScript(l("xy"), l("yx")))

    @Test
    fun replacementIsDeleteThenInsert() = assertEquals("a-b+xc", render("abc", "axc"))

    @Test
    fun tieBreakPrefersDeleteWhenStillMinimal() {
        assertEquals("+cab-c", render("abc", "cab"))
        assertEquals("-x-yab", render("xyab", "ab"))
        assertEquals("+x+yab", render("ab", "xyab"))
    }

    @Test
    fun deleteOnlyWhenItKeepsTheScriptMinimal() = assertEquals("+ba-cb", render("acb", "bab"))

    @Test
    fun scriptIsMinimal() {
        assertEquals("a-b+zc-de-f+d", render("abcdef", "azced"))
        assertEquals(5, changes(editScript(l("abcdef"), l("azced"))))
        assertEquals(6, changes(editScript(l("abc"), l("xyz"))))
    }

    @Test
    fun scriptSpellsBothSides() {
        val a = l("the quick brown fox")
        val b = l("a quick brown dog!")
        val s = editScript(a, b)
        assertEquals(a, s.filter { it !is Edit.Insert }.map { it.line })
        assertEquals(b, s.filter { it !is Edit.Delete }.map { it.line })
    }

    @Test
    fun handlesLongInputs() {
        val a = (0 until 300).map { "line $it" }
        val b = a.filterIndexed { i, _ -> i % 7 != 3 }.toMutableList().also { it.add(150, "new") }
        val s = editScript(a, b)
        assertEquals(1, s.count { it is Edit.Insert })
        assertEquals(a.size - (b.size - 1), s.count { it is Edit.Delete })
        assertEquals(b, s.filter { it !is Edit.Delete }.map { it.line })
    }

    @Test
    fun duplicateLinesAreHandled() {
        val s = editScript(l("aaa"), l("aa"))
        assertEquals(listOf<Edit>(Edit.Keep("a"), Edit.Keep("a"), Edit.Delete("a")), s)
    }

    @Test
    fun summaryFormat() {
        val s = editScript(listOf("title", "old body"), listOf("title", "new body", ""))
        assertEquals("  title\n- old body\n+ new body\n+ ", unifiedSummary(s))
        assertEquals("", unifiedSummary(emptyList()))
    }
}
