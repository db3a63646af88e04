package kateval.tasks.export

import kotlinx.coroutines.flow.Flow

/** Follows an export job. See instruction.md for the rules. */
class ExportPoller(
    private val api: ExportApi,
    private val firstIntervalMillis: Long = 1_000,
    private val maxIntervalMillis: Long = 8_000,
    private val deadlineMillis: Long = 120_000,
) {
    fun follow(jobId: String): Flow<JobStatus> = TODO()
}
