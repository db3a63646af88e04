package kateval.tasks.softdelete

data class Note(
    val id: String,
    val text: String,
    val updatedAt: Long,
) {
}

fun interface Clock {
    fun nowMillis(): Long
}
