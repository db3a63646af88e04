package kateval.tasks.jsonread

sealed interface JsonValue

data object JsonNull : JsonValue

data class JsonBool(val value: Boolean) : JsonValue

/** A number exactly as written in the source. */
data class JsonNumber(val raw: String) : JsonValue

data class JsonString(val value: String) : JsonValue

data class JsonArray(val items: List<JsonValue>) : JsonValue

/** Members in source order. */
data class JsonObject(val members: Map<String, JsonValue>) : JsonValue

/** A syntax error at [offset] (an index into the parsed text, or its length at the end). */
class JsonParseException(message: String, val offset: Int) : Exception("$message at offset $offset")
