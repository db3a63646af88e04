package kateval.tasks.jsonread

/** Parses strict JSON text. See instruction.md. */
class JsonReader(private val maxDepth: Int = 64) {
    fun parse(text: String): JsonValue {
        TODO("parse JSON")
    }
}
