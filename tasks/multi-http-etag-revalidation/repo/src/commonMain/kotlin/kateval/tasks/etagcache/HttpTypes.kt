package kateval.tasks.etagcache

fun interface Clock {
    fun nowMillis(): Long
}

data class HttpRequest(val url: String, val headers: Map<String, String> = emptyMap())

data class HttpResponse(val status: Int, val headers: Map<String, String>, val body: String)

fun interface Transport {
    fun send(request: HttpRequest): HttpResponse
}

/** Case-insensitive header lookup. */
fun Map<String, String>.header(name: String): String? = entries.firstOrNull { it.key.equals(name, ignoreCase = true) }?.value

/** The max-age of a Cache-Control header in milliseconds, or null. */
fun maxAgeMillis(headers: Map<String, String>): Long? {
    val cc = headers.header("Cache-Control") ?: return null
    val directive = cc.split(',').map { it.trim() }.firstOrNull { it.startsWith("max-age=", ignoreCase = true) } ?: return null
    return directive.substringAfter('=').toLongOrNull()?.takeIf { it >= 0 }?.times(1_000)
}
