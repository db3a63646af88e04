package kateval.tasks.plural

/** A compiled message pattern. See instruction.md. */
class Message private constructor() {
    fun format(locale: String, args: Map<String, Any>): String = TODO("format")

    companion object {
        fun compile(pattern: String): Message = TODO("compile")
    }
}
