package kateval.tasks.base64

/** URL-safe Base64 without padding. */
fun encodeUrlSafe(bytes: ByteArray): String {
    TODO()
}

/** Inverse of [encodeUrlSafe]. */
fun decodeUrlSafe(text: String): ByteArray {
    TODO()
}
