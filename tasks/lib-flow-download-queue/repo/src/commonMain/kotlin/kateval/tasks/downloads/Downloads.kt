package kateval.tasks.downloads

enum class DownloadStatus { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

/** One row of the downloads screen. `progress` is a percentage, 0..100. */
data class DownloadItem(
    val id: String,
    val status: DownloadStatus = DownloadStatus.QUEUED,
    val progress: Int = 0,
    val error: String? = null,
)

/** Downloads one file, reporting its progress (a percentage) as it goes. */
fun interface Downloader {
    suspend fun download(id: String, onProgress: (Int) -> Unit)
}
