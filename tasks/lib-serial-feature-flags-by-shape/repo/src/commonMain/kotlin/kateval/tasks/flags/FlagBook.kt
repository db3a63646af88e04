package kateval.tasks.flags

/** The flags the app knows, by key. See instruction.md. */
class FlagBook(val flags: Map<String, Flag>) {
    fun isEnabled(key: String, bucket: Int): Boolean = TODO()

    fun variantFor(key: String, bucket: Int): String? = TODO()

    companion object {
        fun parse(text: String): FlagBook = TODO()
    }
}
