package kateval.tasks.crc32

/** CRC-32 (zlib polynomial), fed incrementally. */
expect class Crc32() {
    fun update(bytes: ByteArray, offset: Int, length: Int)
    val value: Long
    fun reset()
}

fun Crc32.update(bytes: ByteArray) = update(bytes, 0, bytes.size)
