package kateval.tasks.vclock

/** How one clock relates to another. */
enum class Causality { BEFORE, AFTER, EQUAL, CONCURRENT }

/** A vector clock: node id -> counter, zero counters omitted. */
class VectorClock(entries: Map<String, Long> = emptyMap()) {
    val entries: Map<String, Long> = TODO()

    fun increment(node: String): VectorClock {
        TODO()
    }

    fun merge(other: VectorClock): VectorClock {
        TODO()
    }

    fun compare(other: VectorClock): Causality {
        TODO()
    }

    override fun equals(other: Any?): Boolean = TODO()

    override fun hashCode(): Int = TODO()

    override fun toString(): String = TODO()
}
