package kateval.tasks.utf8

/** UTF-8 bytes of [text]; lone surrogates become U+FFFD. */
expect fun utf8Encode(text: String): ByteArray

/** Strict UTF-8 decoding; malformed input throws IllegalArgumentException. */
expect fun utf8Decode(bytes: ByteArray): String
