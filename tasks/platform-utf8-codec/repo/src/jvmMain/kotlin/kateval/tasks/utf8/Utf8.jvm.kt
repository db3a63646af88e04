package kateval.tasks.utf8

actual fun utf8Encode(text: String): ByteArray {
    TODO()
}

actual fun utf8Decode(bytes: ByteArray): String {
    TODO()
}
