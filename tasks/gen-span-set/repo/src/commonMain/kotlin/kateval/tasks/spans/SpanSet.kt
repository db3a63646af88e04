package kateval.tasks.spans

/**
 * An immutable set of points described by spans. [spans] is always normalized: sorted by start,
 * with no two spans overlapping or touching (touching spans such as [1, 3) and [3, 5) are merged).
 */
class SpanSet<T : Comparable<T>> private constructor(val spans: List<Span<T>>) {

    fun isEmpty(): Boolean = TODO("isEmpty")

    operator fun contains(value: T): Boolean = TODO("contains")

    /** True when every point of [span] is in this set. */
    fun covers(span: Span<T>): Boolean = TODO("covers")

    fun add(span: Span<T>): SpanSet<T> = TODO("add")

    fun remove(span: Span<T>): SpanSet<T> = TODO("remove")

    fun union(other: SpanSet<T>): SpanSet<T> = TODO("union")

    fun intersect(other: SpanSet<T>): SpanSet<T> = TODO("intersect")

    override fun equals(other: Any?): Boolean = TODO("equals")

    override fun hashCode(): Int = TODO("hashCode")

    /** `{[1, 3), [5, 7)}`; the empty set is `{}`. */
    override fun toString(): String = TODO("toString")

    companion object {
        fun <T : Comparable<T>> empty(): SpanSet<T> = TODO("empty")

        fun <T : Comparable<T>> of(vararg spans: Span<T>): SpanSet<T> = TODO("of")
    }
}

/** Normalizes any collection of spans (unsorted, overlapping, touching) into a [SpanSet]. */
fun <T : Comparable<T>> Iterable<Span<T>>.toSpanSet(): SpanSet<T> = TODO("toSpanSet")

/** The points of [within] that are not in this set. */
fun <T : Comparable<T>> SpanSet<T>.gaps(within: Span<T>): SpanSet<T> = TODO("gaps")

/** Applies [f] to both bounds of every span and normalizes the result. */
fun <T : Comparable<T>, R : Comparable<R>> SpanSet<T>.mapBounds(f: (T) -> R): SpanSet<R> = TODO("mapBounds")

/** Total number of integers covered by the set. */
fun SpanSet<Int>.totalLength(): Long = TODO("totalLength")
