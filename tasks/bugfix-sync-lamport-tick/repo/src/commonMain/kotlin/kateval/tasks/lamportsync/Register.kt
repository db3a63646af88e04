package kateval.tasks.lamportsync

/** A value written at Lamport time [time] by [node]. */
data class Stamped(val value: String, val time: Long, val node: String)

/**
 * Last-writer-wins: the greater [Stamped.time] wins; on equal times the greater [Stamped.node]
 * (String order) wins. Merging is commutative, associative and idempotent.
 */
fun merge(a: Stamped?, b: Stamped?): Stamped? = when {
    a == null -> b
    b == null -> a
    a.time != b.time -> if (a.time > b.time) a else b
    else -> if (a.node >= b.node) a else b
}
