package kateval.tasks.editscript

sealed interface Edit {
    val line: String

    data class Keep(override val line: String) : Edit
    data class Delete(override val line: String) : Edit
    data class Insert(override val line: String) : Edit
}

/** A minimal edit script from [a] to [b] with the tie-break from instruction.md. */
fun editScript(a: List<String>, b: List<String>): List<Edit> {
    TODO()
}

/** One line per edit: "  ", "- " or "+ " followed by the line. */
fun unifiedSummary(script: List<Edit>): String {
    TODO()
}
