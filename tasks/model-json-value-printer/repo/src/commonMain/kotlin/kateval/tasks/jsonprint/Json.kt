package kateval.tasks.jsonprint

/** A JSON value. */
sealed interface JsonValue

data object JsonNull : JsonValue

data class JsonBool(val value: Boolean) : JsonValue

/** A JSON number kept in its textual form. [raw] must follow the JSON number grammar. */
class JsonNumber(val raw: String) : JsonValue {
    init {
        TODO("validate raw")
    }

    override fun equals(other: Any?): Boolean = TODO("equals")

    override fun hashCode(): Int = TODO("hashCode")

    override fun toString(): String = TODO("toString")

    companion object {
        fun of(value: Long): JsonNumber = TODO("of")
    }
}

data class JsonString(val value: String) : JsonValue

data class JsonArray(val items: List<JsonValue>) : JsonValue

/** An object with unique keys that keeps insertion order; equality ignores the order. */
class JsonObject(members: List<Pair<String, JsonValue>>) : JsonValue {
    val members: List<Pair<String, JsonValue>>
        get() = TODO("members")

    operator fun get(key: String): JsonValue? = TODO("get")

    override fun equals(other: Any?): Boolean = TODO("equals")

    override fun hashCode(): Int = TODO("hashCode")
}

/** Prints this value without any whitespace. */
fun JsonValue.toCompactJson(asciiOnly: Boolean = false): String = TODO("toCompactJson")

/** Prints this value on several lines, [indent] spaces per level. */
fun JsonValue.toPrettyJson(indent: Int = 2): String = TODO("toPrettyJson")
