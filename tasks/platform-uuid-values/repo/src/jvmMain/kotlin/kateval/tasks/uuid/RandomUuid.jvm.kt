package kateval.tasks.uuid

actual fun platformRandomUuid(): String = TODO()
