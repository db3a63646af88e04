package kateval.tasks.uuid

/** A fresh random version-4 UUID in canonical text form, from the platform. */
expect fun platformRandomUuid(): String
