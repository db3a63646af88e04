package kateval.tasks.notes

import kateval.tasks.notes.model.Note

/** The notes file's format. See instruction.md. */
object NotesFile {
    const val KEY = "notes.json"
    const val CORRUPT_KEY = "notes.json.corrupt"

    /** The notes in [text], or null when it is not a notes file this version can read. */
    fun decode(text: String): List<Note>? = TODO()

    fun encode(notes: List<Note>): String = TODO()
}
