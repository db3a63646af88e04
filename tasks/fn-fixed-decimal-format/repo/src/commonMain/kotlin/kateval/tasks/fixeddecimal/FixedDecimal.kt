package kateval.tasks.fixeddecimal

/** [value] with exactly [decimals] digits after the point; see instruction.md. */
fun formatFixed(value: Double, decimals: Int, grouping: Boolean = false): String {
    TODO()
}
