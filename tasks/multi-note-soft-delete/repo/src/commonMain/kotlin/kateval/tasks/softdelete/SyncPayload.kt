package kateval.tasks.softdelete

/** The server's flat key/value representation of a note. */
fun toPayload(note: Note): Map<String, String> {
    return mapOf("id" to note.id, "text" to note.text, "updated_at" to note.updatedAt.toString())
}

/** Applies a note received from the server if it is newer than the local copy. */
fun applyRemote(repo: NoteRepository, payload: Map<String, String>): Boolean {
    val id = payload["id"] ?: throw IllegalArgumentException("missing id")
    val text = payload["text"] ?: throw IllegalArgumentException("missing text")
    val updatedAt = payload["updated_at"]?.toLongOrNull() ?: throw IllegalArgumentException("bad updated_at")
    val local = repo.raw(id)
    if (local != null && local.updatedAt >= updatedAt) return false
    repo.put(Note(id, text, updatedAt))
    return true
}
