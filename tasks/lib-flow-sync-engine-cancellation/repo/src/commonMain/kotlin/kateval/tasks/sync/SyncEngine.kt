package kateval.tasks.sync

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.StateFlow

/** Pulls collections from [remote] in [scope]. See instruction.md for the rules. */
class SyncEngine(
    private val remote: RemoteStore,
    private val scope: CoroutineScope,
    private val maxParallel: Int = 2,
    private val timeoutMillis: Long = 10_000,
) {
    val status: StateFlow<SyncStatus>
        get() = TODO()

    fun syncAll(collections: List<String>): Job {
        TODO("start a run")
    }

    fun stop() {
        TODO("cancel the running run")
    }
}
