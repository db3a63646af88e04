package kateval.tasks.spans

/** The half-open span `[start, endExclusive)`. */
data class Span<T : Comparable<T>>(val start: T, val endExclusive: T) {
    init {
        require(start < endExclusive) { "empty or reversed span: [$start, $endExclusive)" }
    }

    /** True when `start <= value < endExclusive`. */
    operator fun contains(value: T): Boolean = TODO("contains")

    /** True when the two spans share at least one point. */
    fun overlaps(other: Span<T>): Boolean = TODO("overlaps")

    override fun toString(): String = "[$start, $endExclusive)"
}

/** `a spanTo b` creates `Span(a, b)`. */
infix fun <T : Comparable<T>> T.spanTo(endExclusive: T): Span<T> = Span(this, endExclusive)
