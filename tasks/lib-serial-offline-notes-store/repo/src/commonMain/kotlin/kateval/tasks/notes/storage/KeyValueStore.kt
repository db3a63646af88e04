package kateval.tasks.notes.storage

/** The device's key-value storage (a file per key). Writes replace the whole value. */
interface KeyValueStore {
    suspend fun read(key: String): String?
    suspend fun write(key: String, value: String)
}
