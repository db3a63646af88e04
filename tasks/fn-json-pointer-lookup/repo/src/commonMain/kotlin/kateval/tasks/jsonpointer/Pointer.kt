package kateval.tasks.jsonpointer

/** Follows the JSON Pointer [pointer] from this value; `null` when it leads nowhere. */
fun JsonValue.resolve(pointer: String): JsonValue? {
    TODO("resolve the pointer")
}
