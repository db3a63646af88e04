package kateval.tasks.drafts

/** Where drafts are kept (a database write or a network call). */
fun interface DraftStore {
    suspend fun save(text: String)
}

/** What the editor's "saved" indicator shows. */
data class SaveStatus(
    /** The text as the user last edited it. */
    val text: String,
    /** The text of the last successful save (the initial text before any). */
    val lastSaved: String,
    /** Whether a save is running now. */
    val saving: Boolean = false,
    /** The message of the last failed save; `null` once a save succeeds. */
    val error: String? = null,
) {
    val dirty: Boolean get() = text != lastSaved
}
