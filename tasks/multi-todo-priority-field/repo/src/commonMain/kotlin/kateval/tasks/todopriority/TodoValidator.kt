package kateval.tasks.todopriority

/** Business rules for a todo about to be saved; [today] is the current epoch day. */
object TodoValidator {
    fun validate(todo: Todo, today: Long): List<FieldError> {
        val errors = mutableListOf<FieldError>()
        if (todo.title.length > 120) errors += FieldError("title", "title longer than 120 characters")
        if (!todo.done && todo.dueEpochDay != null && todo.dueEpochDay < today - 365) {
            errors += FieldError("due", "due date more than a year in the past")
        }
        return errors
    }
}
