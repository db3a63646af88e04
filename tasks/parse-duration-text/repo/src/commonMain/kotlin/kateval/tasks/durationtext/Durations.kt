package kateval.tasks.durationtext

/** Parses a duration such as "1h 30m" into seconds. See instruction.md. */
fun parseDuration(text: String): Long {
    TODO("parseDuration")
}

/** Formats [seconds] as "1d 2h 3m 4s", leaving out zero components. */
fun formatDuration(seconds: Long): String {
    TODO("formatDuration")
}
