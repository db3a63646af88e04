package kateval.tasks.spans

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotEquals
import kotlin.test.assertTrue

data class SpanTestVersion(val major: Int, val minor: Int) : Comparable<SpanTestVersion> {
    override fun compareTo(other: SpanTestVersion): Int =
        compareValuesBy(this, other, { it.major }, { it.minor })

    override fun toString(): String = "$major.$minor"
}

class SpanSetHiddenTest {
    private fun set(vararg pairs: Pair<Int, Int>) = SpanSet.of(*pairs.map { it.first spanTo it.second }.toTypedArray())

    @Test
    fun spanBasics() {
        assertFailsWith<IllegalArgumentException> { 3 spanTo 3 }
        assertFailsWith<IllegalArgumentException> { "b" spanTo "a" }
        val s = 1 spanTo 5
        assertTrue(1 in s)
        assertTrue(4 in s)
        assertFalse(5 in s)
        assertFalse(0 in s)
        assertTrue(s.overlaps(4 spanTo 9))
        assertTrue(s.overlaps(0 spanTo 2))
        assertTrue(s.overlaps(2 spanTo 3))
        assertFalse(s.overlaps(5 spanTo 9))
        assertFalse((5 spanTo 9).overlaps(s))
        assertFalse(s.overlaps(-3 spanTo 1))
    }

    @Test
    fun ofNormalizesUnsortedOverlappingAndTouching() {
        val s = set(10 to 12, 1 to 3, 2 to 4, 4 to 6, 8 to 9, 11 to 15, 1 to 2)
        assertEquals(listOf(1 spanTo 6, 8 spanTo 9, 10 spanTo 15), s.spans)
        assertEquals("{[1, 6), [8, 9), [10, 15)}", s.toString())
        assertEquals("{}", SpanSet.empty<Int>().toString())
        assertTrue(SpanSet.empty<Int>().isEmpty())
        assertFalse(s.isEmpty())
        assertEquals(s, listOf(11 spanTo 15, 10 spanTo 12, 4 spanTo 6, 1 spanTo 4, 8 spanTo 9).toSpanSet())
        assertEquals(SpanSet.empty(), emptyList<Span<Int>>().toSpanSet())
    }

    @Test
    fun containsAndCovers() {
        val s = set(1 to 3, 3 to 5, 7 to 9)
        assertTrue(1 in s)
        assertTrue(3 in s)
        assertFalse(5 in s)
        assertFalse(6 in s)
        assertTrue(8 in s)
        assertFalse(9 in s)
        assertTrue(s.covers(2 spanTo 4))
        assertTrue(s.covers(1 spanTo 5))
        assertFalse(s.covers(4 spanTo 8))
        assertFalse(s.covers(0 spanTo 2))
        assertFalse(s.covers(7 spanTo 10))
        assertFalse(SpanSet.empty<Int>().covers(1 spanTo 2))
    }

    @Test
    fun addMergesAndBridges() {
        val base = set(1 to 2, 4 to 5, 7 to 8)
        assertEquals(listOf(1 spanTo 8), base.add(2 spanTo 7).spans)
        assertEquals(listOf(1 spanTo 2, 3 spanTo 6, 7 spanTo 8), base.add(3 spanTo 6).spans)
        assertEquals(listOf(1 spanTo 5, 7 spanTo 8), base.add(2 spanTo 4).spans)
        assertEquals(listOf(0 spanTo 1, 1 spanTo 2).toSpanSet(), SpanSet.empty<Int>().add(0 spanTo 1).add(1 spanTo 2))
        assertEquals(base, base.add(4 spanTo 5))
        // receiver unchanged
        assertEquals(listOf(1 spanTo 2, 4 spanTo 5, 7 spanTo 8), base.spans)
    }

    @Test
    fun removeSplitsAndTrims() {
        val base = set(1 to 10)
        assertEquals(listOf(1 spanTo 3, 5 spanTo 10), base.remove(3 spanTo 5).spans)
        assertEquals(SpanSet.empty(), base.remove(1 spanTo 10))
        assertEquals(SpanSet.empty(), base.remove(0 spanTo 11))
        assertEquals(base, base.remove(0 spanTo 1))
        assertEquals(base, base.remove(10 spanTo 12))
        assertEquals(listOf(2 spanTo 10), base.remove(0 spanTo 2).spans)
        assertEquals(listOf(1 spanTo 9), base.remove(9 spanTo 20).spans)
        val multi = set(1 to 3, 5 to 7, 9 to 11)
        assertEquals(listOf(1 spanTo 2, 10 spanTo 11), multi.remove(2 spanTo 10).spans)
        assertEquals(listOf(1 spanTo 10), base.spans)
    }

    @Test
    fun unionAndIntersect() {
        val a = set(1 to 4, 6 to 9, 12 to 15)
        val b = set(3 to 7, 9 to 10, 15 to 16, 20 to 21)
        assertEquals(listOf(1 spanTo 10, 12 spanTo 16, 20 spanTo 21), a.union(b).spans)
        assertEquals(a.union(b), b.union(a))
        assertEquals(listOf(3 spanTo 4, 6 spanTo 7), a.intersect(b).spans)
        assertEquals(a.intersect(b), b.intersect(a))
        assertTrue(set(1 to 3).intersect(set(3 to 5)).isEmpty())
        assertEquals(a, a.intersect(a))
        assertTrue(a.intersect(SpanSet.empty()).isEmpty())
        assertEquals(a, a.union(SpanSet.empty()))
        assertEquals(listOf(2 spanTo 3, 4 spanTo 5), set(0 to 10).intersect(set(2 to 3, 4 to 5)).spans)
    }

    @Test
    fun equalityAndHashCode() {
        val x = set(5 to 7, 1 to 3, 2 to 4)
        val y = SpanSet.empty<Int>().add(1 spanTo 2).add(6 spanTo 7).add(2 spanTo 4).add(5 spanTo 6)
        assertEquals(x, y)
        assertEquals(x.hashCode(), y.hashCode())
        assertNotEquals(x, set(1 to 4, 5 to 8))
        assertFalse(x.equals(x.spans))
        assertFalse(x.equals(null))
        assertEquals(SpanSet.empty<String>(), SpanSet.empty<String>())
        assertEquals(setOf(x, y).size, 1)
    }

    @Test
    fun worksWithStringsAndCustomComparables() {
        val shards = SpanSet.of("a" spanTo "f", "m" spanTo "t", "f" spanTo "h")
        assertEquals("{[a, h), [m, t)}", shards.toString())
        assertTrue("gamma" in shards)
        assertFalse("h" in shards)
        assertTrue("zeta" !in shards)
        assertEquals(listOf("h" spanTo "m", "t" spanTo "z"), shards.gaps("a" spanTo "z").spans)

        val v = { a: Int, b: Int -> SpanTestVersion(a, b) }
        val supported = SpanSet.of(v(1, 0) spanTo v(1, 5), v(2, 0) spanTo v(3, 0), v(1, 5) spanTo v(1, 9))
        assertEquals("{[1.0, 1.9), [2.0, 3.0)}", supported.toString())
        assertTrue(v(2, 7) in supported)
        assertFalse(v(1, 9) in supported)
        assertEquals(listOf(v(1, 0) spanTo v(1, 2), v(1, 4) spanTo v(1, 9)), supported.remove(v(1, 2) spanTo v(1, 4)).spans.take(2))
    }

    @Test
    fun gapsWithinBounds() {
        val s = set(2 to 4, 6 to 8)
        assertEquals(listOf(0 spanTo 2, 4 spanTo 6, 8 spanTo 10), s.gaps(0 spanTo 10).spans)
        assertEquals(listOf(4 spanTo 6), s.gaps(3 spanTo 7).spans)
        assertTrue(s.gaps(2 spanTo 4).isEmpty())
        assertTrue(s.gaps(6 spanTo 7).isEmpty())
        assertEquals(listOf(4 spanTo 6), s.gaps(4 spanTo 6).spans)
        assertEquals(SpanSet.of(-5 spanTo 5), SpanSet.empty<Int>().gaps(-5 spanTo 5))
        assertEquals(listOf(8 spanTo 20), s.gaps(7 spanTo 20).spans)
    }

    @Test
    fun mapBoundsNormalizesAndPropagatesErrors() {
        val s = set(1 to 2, 3 to 4, 10 to 12)
        assertEquals(listOf(0 spanTo 2, 5 spanTo 6), s.mapBounds { it / 2 }.spans)
        // lexicographic order: "10" and "12" fall inside ["1", "2")
        assertEquals(listOf("1" spanTo "2", "3" spanTo "4"), s.mapBounds { it.toString() }.spans)
        assertEquals(listOf(1L spanTo 2L, 3L spanTo 4L), set(1 to 2, 3 to 4).mapBounds { it.toLong() }.spans)
        assertFailsWith<IllegalArgumentException> { s.mapBounds { -it } }
        assertFailsWith<IllegalArgumentException> { set(1 to 2).mapBounds { 7 } }
        assertTrue(SpanSet.empty<Int>().mapBounds { it.toString() }.isEmpty())
    }

    @Test
    fun totalLengthUsesLong() {
        assertEquals(0L, SpanSet.empty<Int>().totalLength())
        assertEquals(7L, set(1 to 3, 2 to 6, 10 to 12).totalLength())
        assertEquals(4294967295L, SpanSet.of(Int.MIN_VALUE spanTo Int.MAX_VALUE).totalLength())
    }
}
