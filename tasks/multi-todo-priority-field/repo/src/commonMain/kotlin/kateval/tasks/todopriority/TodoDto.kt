package kateval.tasks.todopriority

/** The JSON shape the server uses; every field may be missing. */
data class TodoDto(
    val id: String? = null,
    val title: String? = null,
    val due: String? = null,       // "YYYY-MM-DD"
    val done: Boolean? = null,
)

data class FieldError(val field: String, val message: String)
