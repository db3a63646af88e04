package kateval.tasks.lww

/** A Lamport timestamp; [node] breaks ties between equal times. */
data class Stamp(val lamport: Long, val node: String) : Comparable<Stamp> {
    override fun compareTo(other: Stamp): Int {
        TODO()
    }
}

/** A value written at [stamp]; a null [value] is a tombstone. */
data class Stamped<out T>(val value: T?, val stamp: Stamp)

/** The later write; [a] when both stamps are equal. */
fun <T> newerOf(a: Stamped<T>, b: Stamped<T>): Stamped<T> {
    TODO()
}

/** Key-wise last-writer-wins merge of two replicas. */
fun <K, T> mergeLww(local: Map<K, Stamped<T>>, remote: Map<K, Stamped<T>>): Map<K, Stamped<T>> {
    TODO()
}
