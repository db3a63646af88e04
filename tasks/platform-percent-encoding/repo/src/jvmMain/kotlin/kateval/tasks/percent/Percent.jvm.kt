package kateval.tasks.percent

actual fun percentEncode(text: String): String {
    TODO()
}

actual fun percentDecode(text: String): String {
    TODO()
}
