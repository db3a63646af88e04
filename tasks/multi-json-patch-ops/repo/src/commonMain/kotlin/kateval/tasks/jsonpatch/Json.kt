package kateval.tasks.jsonpatch

sealed interface JsonValue

data object JsonNull : JsonValue

data class JsonBool(val value: Boolean) : JsonValue

data class JsonNumber(val value: Long) : JsonValue

data class JsonString(val value: String) : JsonValue

data class JsonArray(val items: List<JsonValue>) : JsonValue

/** [members] keep insertion order; equality ignores the order (it is a Map). */
data class JsonObject(val members: Map<String, JsonValue>) : JsonValue
