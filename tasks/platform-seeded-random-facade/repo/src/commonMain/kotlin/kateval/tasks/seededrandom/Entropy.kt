package kateval.tasks.seededrandom

/** [size] bytes from the platform's secure random generator. */
expect fun platformEntropy(size: Int): ByteArray
