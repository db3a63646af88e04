package kateval.tasks.uploadgroup

data class UploadReport(
    val uploaded: List<String>,
    val failed: String?,
    val error: Throwable?,
    val timedOut: Boolean,
)

/** Uploads [files] concurrently, all or nothing; see instruction.md. */
suspend fun uploadAll(
    files: List<String>,
    timeoutMillis: Long,
    upload: suspend (String) -> Unit,
    discard: suspend (String) -> Unit,
): UploadReport {
    TODO()
}
