package kateval.tasks.crc32

/** The CRC-32 of [data] as 8 lowercase hex digits. */
fun crc32Hex(data: ByteArray): String {
    TODO()
}

/** Indexes of the chunks whose CRC does not match [expected]; see instruction.md. */
fun verifyChunks(data: ByteArray, chunkSize: Int, expected: List<String>): List<Int> {
    TODO()
}
