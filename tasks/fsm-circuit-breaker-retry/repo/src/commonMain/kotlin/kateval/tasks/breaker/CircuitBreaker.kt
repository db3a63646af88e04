package kateval.tasks.breaker

fun interface Clock {
    fun nowMillis(): Long
}

enum class BreakerState { CLOSED, OPEN, HALF_OPEN }

/** A consecutive-failure circuit breaker; see instruction.md. */
class CircuitBreaker(
    val failureThreshold: Int,
    val openMillis: Long,
    val halfOpenProbes: Int,
    private val clock: Clock,
) {
    val state: BreakerState
        get() = TODO()

    fun tryAcquire(): Boolean {
        TODO()
    }

    fun onSuccess() {
        TODO()
    }

    fun onFailure() {
        TODO()
    }
}
