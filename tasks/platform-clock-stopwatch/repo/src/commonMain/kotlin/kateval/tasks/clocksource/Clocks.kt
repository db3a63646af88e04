package kateval.tasks.clocksource

/** Wall-clock time in milliseconds since the Unix epoch. */
expect fun epochMillis(): Long

/** A monotonic time source in nanoseconds; only differences are meaningful. */
expect fun monotonicNanos(): Long
