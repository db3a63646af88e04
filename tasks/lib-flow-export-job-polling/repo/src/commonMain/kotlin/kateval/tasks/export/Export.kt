package kateval.tasks.export

/** The server's view of an export job. */
sealed interface JobStatus {
    data class Running(val percent: Int) : JobStatus
    data class Done(val downloadUrl: String) : JobStatus
    data class Failed(val reason: String) : JobStatus
}

fun interface ExportApi {
    suspend fun status(jobId: String): JobStatus
}

/** The export took longer than the app is willing to wait. */
class ExportTimeoutException(message: String) : Exception(message)
