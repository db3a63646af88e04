package kateval.tasks.softdelete

/** In-memory notes store, in insertion order. */
class NoteRepository(private val clock: Clock) {
    private val notes = LinkedHashMap<String, Note>()

    fun save(note: Note) {
        notes[note.id] = note
    }

    /** Stores a note exactly as given (used by sync). */
    internal fun put(note: Note) {
        notes[note.id] = note
    }

    /** The stored note, deleted or not (used by sync). */
    internal fun raw(id: String): Note? = notes[id]

    fun get(id: String): Note? = notes[id]

    fun all(): List<Note> = notes.values.toList()

    fun delete(id: String): Boolean {
        return notes.remove(id) != null
    }

    fun changedSince(t: Long): List<Note> = notes.values.filter { it.updatedAt > t }
}
