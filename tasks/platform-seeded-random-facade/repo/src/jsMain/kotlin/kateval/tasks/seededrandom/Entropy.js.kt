package kateval.tasks.seededrandom

actual fun platformEntropy(size: Int): ByteArray {
    TODO()
}
