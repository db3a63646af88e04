package kateval.tasks.squash

import kotlin.test.*

class SquashHiddenTest {
    private fun c(id: String, vararg f: Pair<String, String>) = Change.Create(id, linkedMapOf(*f))
    private fun u(id: String, vararg f: Pair<String, String?>) = Change.Update(id, linkedMapOf(*f))
    private fun d(id: String) = Change.Delete(id)

    @Test
    fun emptyInput() = assertEquals(emptyList(), squash(emptyList()))

    @Test
    fun singleChangesPassThrough() {
        val input = listOf(c("1", "t" to "a"), u("2", "t" to null), d("3"))
        assertEquals(input, squash(input))
    }

    @Test
    fun createThenUpdateBecomesCreate() {
        val out = squash(listOf(c("1", "title" to "a", "body" to "b"), u("1", "title" to "A", "tag" to "x")))
        val create = assertIs<Change.Create>(out.single())
        assertEquals(listOf("title" to "A", "body" to "b", "tag" to "x"), create.fields.toList())
    }

    @Test
    fun nullUpdateRemovesFieldFromCreate() {
        val out = squash(listOf(c("1", "title" to "a", "body" to "b"), u("1", "body" to null)))
        assertEquals(listOf<Change>(c("1", "title" to "a")), out)
    }

    @Test
    fun createThenDeleteVanishes() =
        assertEquals(listOf<Change>(d("2")), squash(listOf(c("1", "a" to "1"), u("1", "a" to "2"), d("2"), d("1"))))

    @Test
    fun updatesMergeAndKeepNulls() {
        val out = squash(listOf(u("1", "a" to "1", "b" to "2"), u("1", "b" to null, "c" to "3"), u("1", "a" to "9")))
        val upd = assertIs<Change.Update>(out.single())
        assertEquals(listOf("a" to "9", "b" to null, "c" to "3"), upd.fields.toList())
    }

    @Test
    fun updateThenDeleteIsDelete() = assertEquals(listOf<Change>(d("1")), squash(listOf(u("1", "a" to "1"), d("1"))))

    @Test
    fun orderFollowsFirstAppearance() {
        val out = squash(listOf(u("b", "x" to "1"), c("a"), d("c"), u("a", "y" to "2"), u("b", "x" to "2")))
        assertEquals(listOf("b", "a", "c"), out.map { it.id })
    }

    @Test
    fun emptyUpdatesAreDroppedButEmptyCreatesKept() {
        assertEquals(emptyList(), squash(listOf(u("1"))))
        assertEquals(listOf<Change>(c("2")), squash(listOf(c("2"), u("2"))))
        assertEquals(listOf<Change>(c("3")), squash(listOf(c("3", "a" to "1"), u("3", "a" to null))))
    }

    @Test
    fun invalidSequencesAreRejected() {
        assertFailsWith<IllegalArgumentException> { squash(listOf(c("1"), c("1"))) }
        assertFailsWith<IllegalArgumentException> { squash(listOf(u("1", "a" to "1"), c("1"))) }
        assertFailsWith<IllegalArgumentException> { squash(listOf(d("1"), u("1", "a" to "1"))) }
        assertFailsWith<IllegalArgumentException> { squash(listOf(d("1"), d("1"))) }
        assertFailsWith<IllegalArgumentException> { squash(listOf(d("1"), c("1"))) }
        assertFailsWith<IllegalArgumentException> { squash(listOf(c("1"), d("1"), u("1", "a" to "1"))) }
        assertFailsWith<IllegalArgumentException> { squash(listOf(c("1"), d("1"), c("1"))) }
    }

    @Test
    fun inputIsNotModified() {
        val fields = linkedMapOf("a" to "1")
        val create = Change.Create("1", fields)
        squash(listOf(create, u("1", "a" to null, "b" to "2")))
        assertEquals(mapOf("a" to "1"), fields)
    }
}
