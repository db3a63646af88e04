package kateval.tasks.todopriority

/** Inbox order: open before done, then by due date (none last), then title. */
val INBOX_ORDER: Comparator<Todo> =
    compareBy<Todo> { it.done }
        .thenBy { it.dueEpochDay ?: Long.MAX_VALUE }
        .thenBy { it.title }

fun inbox(todos: List<Todo>): List<Todo> = todos.sortedWith(INBOX_ORDER)
