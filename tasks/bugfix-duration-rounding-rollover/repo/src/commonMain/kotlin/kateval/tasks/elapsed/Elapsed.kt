package kateval.tasks.elapsed

private fun pad(n: Long): String = if (n < 10) "0$n" else "$n"

/** The label of a running timer: "42s", "3m 07s" or "1h 05m". See instruction.md. */
fun formatElapsed(millis: Long): String {
    require(millis >= 0) { "negative duration" }
    val totalSeconds = millis / 1000
    val hours = totalSeconds / 3600
    val minutes = (totalSeconds % 3600) / 60
    var seconds = totalSeconds % 60
    if (millis % 1000 >= 500) seconds++
    return when {
        hours > 0 -> "${hours}h ${pad(minutes)}m"
        minutes > 0 -> "${minutes}m ${pad(seconds)}s"
        else -> "${seconds}s"
    }
}
