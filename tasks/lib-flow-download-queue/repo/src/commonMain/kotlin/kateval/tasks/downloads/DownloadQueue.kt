package kateval.tasks.downloads

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.StateFlow

/** Runs downloads in [scope], at most [maxParallel] at once. See instruction.md. */
class DownloadQueue(
    private val downloader: Downloader,
    private val scope: CoroutineScope,
    private val maxParallel: Int = 2,
) {
    val items: StateFlow<List<DownloadItem>>
        get() = TODO()

    fun enqueue(id: String) {
        TODO()
    }

    fun cancel(id: String) {
        TODO()
    }
}
