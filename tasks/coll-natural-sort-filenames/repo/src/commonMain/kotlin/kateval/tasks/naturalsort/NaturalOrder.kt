package kateval.tasks.naturalsort

/** Natural, case-insensitive order. See instruction.md. */
object NaturalOrder : Comparator<String> {
    override fun compare(a: String, b: String): Int = TODO("compare")
}

fun naturalSorted(names: List<String>): List<String> = names.sortedWith(NaturalOrder)
