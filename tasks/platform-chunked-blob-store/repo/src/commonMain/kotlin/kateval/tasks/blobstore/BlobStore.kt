package kateval.tasks.blobstore

/**
 * In-memory content-addressed blob store that deduplicates fixed-size chunks.
 * See the task instruction for ids, reference counting and statistics.
 */
class BlobStore(val chunkSize: Int) {
    /** Stores [data] and returns its blob id. */
    fun put(data: ByteArray): String {
        TODO("put")
    }

    /** The bytes of blob [id], or null if no such blob is stored. */
    fun get(id: String): ByteArray? {
        TODO("get")
    }

    fun contains(id: String): Boolean {
        TODO("contains")
    }

    /** Drops one reference to blob [id]; returns false if no such blob is stored. */
    fun delete(id: String): Boolean {
        TODO("delete")
    }

    /** Number of distinct blob ids currently stored. */
    val blobCount: Int
        get() = TODO("blobCount")

    /** Number of distinct chunks currently stored. */
    val chunkCount: Int
        get() = TODO("chunkCount")

    /** Total size in bytes of the distinct chunks currently stored. */
    val storedBytes: Long
        get() = TODO("storedBytes")
}
