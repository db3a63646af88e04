package kateval.tasks.softdelete

import kotlin.test.Test
import kotlin.test.assertEquals

class NoteRepositoryExamplesTest {
    @Test
    fun savesAndLists() {
        val repo = NoteRepository { 0 }
        repo.save(Note("a", "hello", 1))
        repo.save(Note("b", "world", 2))
        assertEquals(listOf("a", "b"), repo.all().map { it.id })
        assertEquals(mapOf("id" to "a", "text" to "hello", "updated_at" to "1"), toPayload(repo.get("a")!!))
    }
}
