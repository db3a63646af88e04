package kateval.tasks.clocksource

/** A stopwatch over an injected nanosecond time source; see instruction.md. */
class Stopwatch(private val nanos: () -> Long = ::monotonicNanos) {
    val elapsedNanos: Long
        get() = TODO()

    fun start() {
        TODO()
    }

    fun lap(): Long {
        TODO()
    }

    fun stop(): Long {
        TODO()
    }

    fun reset() {
        TODO()
    }
}

/** Human-readable duration; see instruction.md for the exact forms. */
fun formatDuration(nanos: Long): String {
    TODO()
}
