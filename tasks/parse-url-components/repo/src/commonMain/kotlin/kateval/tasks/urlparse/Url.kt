package kateval.tasks.urlparse

class UrlException(message: String) : Exception(message)

/** An absolute URL split into its components. See instruction.md. */
data class Url(
    val scheme: String,
    val userInfo: String?,
    val host: String,
    val port: Int?,
    val path: String,
    val query: String?,
    val fragment: String?,
) {
    override fun toString(): String = TODO("toString")

    fun normalized(): Url = TODO("normalized")

    companion object {
        fun parse(text: String): Url = TODO("parse")
    }
}
