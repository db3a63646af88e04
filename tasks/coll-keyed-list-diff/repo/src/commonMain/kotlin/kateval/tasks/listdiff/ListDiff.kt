package kateval.tasks.listdiff

/** One step that turns a list of keys into another. */
sealed interface ListOp {
    data class Remove(val index: Int, val key: String) : ListOp
    data class Move(val from: Int, val to: Int, val key: String) : ListOp
    data class Insert(val index: Int, val key: String) : ListOp
}

/** Removes, then a minimal number of moves, then inserts; see instruction.md. */
fun keyedDiff(old: List<String>, new: List<String>): List<ListOp> {
    TODO()
}

/** Applies [ops] in order to a copy of [list]. */
fun applyOps(list: List<String>, ops: List<ListOp>): List<String> {
    TODO()
}
