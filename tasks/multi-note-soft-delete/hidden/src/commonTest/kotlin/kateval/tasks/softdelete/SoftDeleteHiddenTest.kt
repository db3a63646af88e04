package kateval.tasks.softdelete

import kotlin.test.*

class SoftDeleteHiddenTest {
    private var now = 1_000L
    private val repo = NoteRepository { now }

    private fun seed() {
        repo.save(Note("a", "A", 10)); repo.save(Note("b", "B", 20)); repo.save(Note("c", "C", 30))
    }

    @Test
    fun deleteMarksTombstone() {
        seed()
        assertTrue(repo.delete("b"))
        assertNull(repo.get("b"))
        assertEquals(listOf("a", "c"), repo.all().map { it.id })
        val tomb = repo.changedSince(999).single()
        assertEquals(Note("b", "B", 1_000, 1_000), tomb)
        assertTrue(tomb.isDeleted)
    }

    @Test
    fun deleteOfUnknownOrDeletedIsFalse() {
        seed()
        assertFalse(repo.delete("zz"))
        assertTrue(repo.delete("a"))
        now = 2_000
        assertFalse(repo.delete("a"))
        assertEquals(1_000L, repo.changedSince(0).first { it.id == "a" }.deletedAt)
    }

    @Test
    fun restoreBringsNoteBack() {
        seed()
        repo.delete("a")
        now = 5_000
        assertTrue(repo.restore("a"))
        assertEquals(Note("a", "A", 5_000, null), repo.get("a"))
        assertEquals(listOf("a", "b", "c"), repo.all().map { it.id })
        assertFalse(repo.restore("a"))
        assertFalse(repo.restore("nope"))
    }

    @Test
    fun saveOverATombstoneRestores() {
        seed()
        repo.delete("c")
        repo.save(Note("c", "C2", 3_000))
        assertEquals("C2", repo.get("c")?.text)
        assertFalse(repo.get("c")!!.isDeleted)
    }

    @Test
    fun purgeRemovesOldTombstonesOnly() {
        seed()
        now = 100; repo.delete("a")
        now = 200; repo.delete("b")
        assertEquals(1, repo.purgeDeletedBefore(200))
        assertEquals(listOf("b", "c"), repo.changedSince(0).map { it.id }.sorted())
        assertEquals(0, repo.purgeDeletedBefore(150))
        assertEquals(1, repo.purgeDeletedBefore(201))
        assertEquals(listOf("c"), repo.all().map { it.id })
    }

    @Test
    fun payloadCarriesDeletedAt() {
        val live = Note("x", "t", 5)
        assertFalse("deleted_at" in toPayload(live))
        assertEquals(mapOf("id" to "x", "text" to "t", "updated_at" to "7", "deleted_at" to "7"), toPayload(Note("x", "t", 7, 7)))
    }

    @Test
    fun remoteTombstoneHidesLocalNote() {
        seed()
        assertTrue(applyRemote(repo, mapOf("id" to "a", "text" to "A", "updated_at" to "50", "deleted_at" to "50")))
        assertNull(repo.get("a"))
        assertEquals(listOf("b", "c"), repo.all().map { it.id })
    }

    @Test
    fun olderRemoteTombstoneIsIgnored() {
        seed()
        assertFalse(applyRemote(repo, mapOf("id" to "c", "text" to "C", "updated_at" to "30", "deleted_at" to "30")))
        assertNotNull(repo.get("c"))
    }

    @Test
    fun remoteLiveNoteRestoresLocalTombstone() {
        seed()
        repo.delete("a")
        assertTrue(applyRemote(repo, mapOf("id" to "a", "text" to "A!", "updated_at" to "9999")))
        assertEquals(Note("a", "A!", 9999), repo.get("a"))
    }

    @Test
    fun malformedDeletedAtIsRejected() {
        assertFailsWith<IllegalArgumentException> {
            applyRemote(repo, mapOf("id" to "a", "text" to "A", "updated_at" to "5", "deleted_at" to "yesterday"))
        }
    }

    @Test
    fun roundTripThroughPayload() {
        val other = NoteRepository { 0 }
        seed()
        now = 77; repo.delete("b")
        for (n in repo.changedSince(0)) applyRemote(other, toPayload(n))
        assertEquals(listOf("a", "c"), other.all().map { it.id })
        assertEquals(repo.changedSince(0), other.changedSince(0))
    }
}
