package kateval.tasks.jsonpatch

/** A parsed JSON Pointer: the unescaped reference tokens; no tokens means the root. */
data class JsonPointer(val tokens: List<String>) {
    /** The text form, with `~` written as `~0` and `/` as `~1`. */
    override fun toString(): String = TODO("toString")

    companion object {
        fun parse(text: String): JsonPointer = TODO("parse")
    }
}
