package kateval.tasks.query

import kotlinx.serialization.SerializationStrategy

/** Writes @Serializable request objects as URL query strings. See instruction.md. */
object QueryString {
    fun <T> encode(serializer: SerializationStrategy<T>, value: T): String = TODO()
}
