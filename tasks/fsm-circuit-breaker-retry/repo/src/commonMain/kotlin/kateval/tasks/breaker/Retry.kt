package kateval.tasks.breaker

sealed class Outcome<out T> {
    data class Success<T>(val value: T, val attempts: Int) : Outcome<T>()
    data class Failed(val error: Throwable, val attempts: Int) : Outcome<Nothing>()
    data class Rejected(val attempts: Int) : Outcome<Nothing>()
}

/** Retries a block through a [CircuitBreaker]; see instruction.md. */
class RetryingExecutor(
    val maxAttempts: Int,
    private val breaker: CircuitBreaker,
    private val backoff: (attempt: Int) -> Long,
    private val sleep: (millis: Long) -> Unit,
    private val isRetryable: (Throwable) -> Boolean = { true },
) {
    fun <T> execute(block: () -> T): Outcome<T> {
        TODO()
    }
}
