package kateval.tasks.vclock

import kotlin.test.*

class VectorClockMergeHiddenTest {
    private fun vc(vararg p: Pair<String, Long>) = VectorClock(mapOf(*p))
    private fun f(v: String?, t: Long, n: String) = FieldValue(v, t, n)

    @Test
    fun zeroCountersAreDroppedAndEqualityIgnoresThem() {
        assertEquals(VectorClock(), vc("a" to 0))
        assertEquals(vc("a" to 1), vc("a" to 1, "b" to 0))
        assertEquals(vc("a" to 1).hashCode(), vc("b" to 0, "a" to 1).hashCode())
        assertEquals(emptyMap(), vc("x" to 0).entries)
    }

    @Test
    fun negativeCountersAreRejected() {
        assertFailsWith<IllegalArgumentException> { vc("a" to -1) }
    }

    @Test
    fun toStringSortsNodes() {
        assertEquals("{a=1, b=2}", vc("b" to 2, "a" to 1).toString())
        assertEquals("{}", VectorClock().toString())
    }

    @Test
    fun incrementAndMerge() {
        val c = VectorClock().increment("a").increment("a").increment("b")
        assertEquals(vc("a" to 2, "b" to 1), c)
        assertEquals(vc("a" to 2, "b" to 5, "c" to 1), c.merge(vc("b" to 5, "c" to 1)))
        assertEquals(vc("a" to 2, "b" to 1), c, "increment and merge return new clocks")
    }

    @Test
    fun compareCoversAllCases() {
        assertEquals(Causality.EQUAL, vc("a" to 1).compare(vc("a" to 1, "b" to 0)))
        assertEquals(Causality.BEFORE, vc("a" to 1).compare(vc("a" to 1, "b" to 1)))
        assertEquals(Causality.AFTER, vc("a" to 3, "b" to 1).compare(vc("a" to 2)))
        assertEquals(Causality.CONCURRENT, vc("a" to 2).compare(vc("b" to 1)))
        assertEquals(Causality.BEFORE, VectorClock().compare(vc("z" to 1)))
    }

    @Test
    fun remoteBehindKeepsLocal() {
        val local = Replica("n1", vc("a" to 2, "b" to 1), mapOf("title" to f("New", 5, "a")))
        val remote = Replica("n1", vc("a" to 1, "b" to 1), mapOf("title" to f("Old", 3, "b")))
        val r = mergeReplicas(local, remote)
        assertEquals(mapOf("title" to "New"), r.replica.visible())
        assertEquals(vc("a" to 2, "b" to 1), r.replica.clock)
        assertEquals(emptySet(), r.conflicts)
    }

    @Test
    fun remoteAheadReplacesFieldsEvenWithLowerStamps() {
        val local = Replica("n1", vc("a" to 1), mapOf("title" to f("Mine", 9, "a"), "tag" to f("x", 9, "a")))
        val remote = Replica("n1", vc("a" to 1, "b" to 1), mapOf("title" to f("Theirs", 2, "b")))
        val r = mergeReplicas(local, remote)
        assertEquals(mapOf("title" to f("Theirs", 2, "b")), r.replica.fields)
        assertEquals(emptySet(), r.conflicts)
    }

    @Test
    fun concurrentEditsMergeFieldByField() {
        val local = Replica("n1", vc("a" to 2, "b" to 1), mapOf(
            "title" to f("Groceries", 4, "a"), "body" to f("milk", 2, "a"), "color" to f("red", 1, "a")))
        val remote = Replica("n1", vc("a" to 1, "b" to 2), mapOf(
            "title" to f("Shopping", 4, "b"), "body" to f("milk", 2, "a"), "pinned" to f("yes", 3, "b")))
        val r = mergeReplicas(local, remote)
        assertEquals(mapOf("body" to "milk", "color" to "red", "pinned" to "yes", "title" to "Shopping"), r.replica.visible())
        assertEquals(setOf("title"), r.conflicts)
        assertEquals(vc("a" to 2, "b" to 2), r.replica.clock)
    }

    @Test
    fun lamportBeatsNodeName() {
        val local = Replica("x", vc("a" to 1), mapOf("t" to f("A", 7, "a")))
        val remote = Replica("x", vc("b" to 1), mapOf("t" to f("B", 6, "zzz")))
        assertEquals("A", mergeReplicas(local, remote).replica.visible()["t"])
    }

    @Test
    fun sameValueDifferentStampIsNoConflict() {
        val local = Replica("x", vc("a" to 1), mapOf("t" to f("same", 1, "a")))
        val remote = Replica("x", vc("b" to 1), mapOf("t" to f("same", 5, "b")))
        val r = mergeReplicas(local, remote)
        assertEquals(f("same", 5, "b"), r.replica.fields["t"])
        assertEquals(emptySet(), r.conflicts)
    }

    @Test
    fun newerTombstoneDeletesAndIsKept() {
        val local = Replica("x", vc("a" to 1), mapOf("t" to f("keep?", 1, "a")))
        val remote = Replica("x", vc("b" to 1), mapOf("t" to f(null, 2, "b")))
        val r = mergeReplicas(local, remote)
        assertEquals(emptyMap(), r.replica.visible())
        assertEquals(f(null, 2, "b"), r.replica.fields["t"])
        assertEquals(setOf("t"), r.conflicts)
    }

    @Test
    fun resultFieldsAreSortedByName() {
        val local = Replica("x", vc("a" to 1), mapOf("zeta" to f("1", 1, "a"), "alpha" to f("1", 1, "a")))
        val remote = Replica("x", vc("b" to 1), mapOf("mid" to f("1", 1, "b")))
        assertEquals(listOf("alpha", "mid", "zeta"), mergeReplicas(local, remote).replica.fields.keys.toList())
    }

    @Test
    fun differentIdsAreRejected() {
        assertFailsWith<IllegalArgumentException> {
            mergeReplicas(Replica("a", VectorClock(), emptyMap()), Replica("b", VectorClock(), emptyMap()))
        }
    }
}
