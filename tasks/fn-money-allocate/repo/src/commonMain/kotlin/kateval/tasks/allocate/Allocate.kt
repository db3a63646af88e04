package kateval.tasks.allocate

/** Splits [totalMinor] by [ratios]; the shares add up to [totalMinor]. See instruction.md. */
fun allocate(totalMinor: Long, ratios: List<Int>): List<Long> {
    TODO("allocate")
}
