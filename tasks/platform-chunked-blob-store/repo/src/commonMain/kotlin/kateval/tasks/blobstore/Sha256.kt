package kateval.tasks.blobstore

/**
 * Incremental SHA-256 (FIPS 180-4).
 *
 * Feed data with [update] any number of times, then call [digest] to get the 32-byte hash.
 * [digest] also resets the instance, so the same object can hash the next message.
 */
expect class Sha256() {
    /**
     * Feeds `data[offset until offset + length]` into the hash.
     * @throws IllegalArgumentException if the range is not inside [data]
     */
    fun update(data: ByteArray, offset: Int, length: Int)

    /** Completes the hash of everything fed since the last reset, returns a new 32-byte array and resets. */
    fun digest(): ByteArray
}

/** Feeds all of [data]. */
fun Sha256.update(data: ByteArray) = update(data, 0, data.size)
