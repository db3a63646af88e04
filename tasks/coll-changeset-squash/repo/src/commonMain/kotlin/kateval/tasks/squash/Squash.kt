package kateval.tasks.squash

sealed interface Change {
    val id: String

    data class Create(override val id: String, val fields: Map<String, String>) : Change
    data class Update(override val id: String, val fields: Map<String, String?>) : Change
    data class Delete(override val id: String) : Change
}

/** One change per record; see instruction.md. */
fun squash(changes: List<Change>): List<Change> {
    TODO()
}
