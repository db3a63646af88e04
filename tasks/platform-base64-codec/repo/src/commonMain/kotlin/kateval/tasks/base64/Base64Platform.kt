package kateval.tasks.base64

/** Standard Base64 (RFC 4648, section 4) implemented with each platform's own tools. */
expect object Base64Platform {
    fun encode(bytes: ByteArray): String
    fun decode(text: String): ByteArray
}
