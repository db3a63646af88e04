package kateval.tasks.todopriority

/** A todo item; [dueEpochDay] is a day number (days since 1970-01-01) or null. */
data class Todo(
    val id: String,
    val title: String,
    val dueEpochDay: Long?,
    val done: Boolean,
)
