package kateval.tasks.sync

/** The server side of sync: `pull(collection)` downloads a collection's changes and returns
 * how many records it applied. */
fun interface RemoteStore {
    suspend fun pull(collection: String): Int
}

/** The session is gone: no pull of this run can succeed, so the whole run stops. */
class AuthExpiredException(message: String = "auth expired") : Exception(message)

/** What the sync screen shows about the current (or last) run. */
data class SyncStatus(
    val running: Boolean = false,
    val done: Map<String, Int> = emptyMap(),
    val failed: Map<String, String> = emptyMap(),
    val fatal: String? = null,
)
