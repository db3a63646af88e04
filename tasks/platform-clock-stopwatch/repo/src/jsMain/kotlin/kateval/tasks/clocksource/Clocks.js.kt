package kateval.tasks.clocksource

actual fun epochMillis(): Long = TODO()

actual fun monotonicNanos(): Long = TODO()
