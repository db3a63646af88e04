package kateval.tasks.listdiff

import kotlin.test.*

class KeyedListDiffHiddenTest {
    private fun keys(s: String) = s.map { it.toString() }
    private fun roundTrip(a: String, b: String): List<ListOp> {
        val ops = keyedDiff(keys(a), keys(b))
        assertEquals(keys(b), applyOps(keys(a), ops), "ops for $a -> $b: $ops")
        return ops
    }
    private fun moves(ops: List<ListOp>) = ops.count { it is ListOp.Move }

    @Test
    fun identicalListsNeedNoOps() {
        assertEquals(emptyList(), keyedDiff(keys("abc"), keys("abc")))
        assertEquals(emptyList(), keyedDiff(emptyList(), emptyList()))
    }

    @Test
    fun singleMoveToTheEnd() = assertEquals(listOf<ListOp>(ListOp.Move(0, 3, "a")), roundTrip("abcd", "bcda"))

    @Test
    fun singleMoveToTheFront() = assertEquals(listOf<ListOp>(ListOp.Move(3, 0, "d")), roundTrip("abcd", "dabc"))

    @Test
    fun removeAndInsertUseOriginalIndices() =
        assertEquals(listOf(ListOp.Remove(1, "b"), ListOp.Insert(2, "x")), roundTrip("abc", "acx"))

    @Test
    fun removesGoFromHighestIndex() =
        assertEquals(listOf<ListOp>(ListOp.Remove(4, "e"), ListOp.Remove(2, "c"), ListOp.Remove(0, "a")), roundTrip("abcde", "bd"))

    @Test
    fun insertsGoInAscendingOrder() =
        assertEquals(listOf<ListOp>(ListOp.Insert(0, "x"), ListOp.Insert(2, "y"), ListOp.Insert(4, "z")), roundTrip("ab", "xaybz"))

    @Test
    fun fromEmptyAndToEmpty() {
        assertEquals(3, roundTrip("", "abc").size)
        assertEquals(3, roundTrip("abc", "").size)
    }

    @Test
    fun reversalNeedsSizeMinusOneMoves() {
        assertEquals(4, moves(roundTrip("abcde", "edcba")))
        assertEquals(1, moves(roundTrip("ab", "ba")))
    }

    @Test
    fun moveCountIsMinimal() {
        assertEquals(2, moves(roundTrip("abcdef", "bcaefd")))
        assertEquals(1, moves(roundTrip("abcdefgh", "abcfdegh")))
        assertEquals(3, moves(roundTrip("abcdefg", "gfaebcd")))
    }

    @Test
    fun mixedChangesRoundTripInPhaseOrder() {
        val ops = roundTrip("abcdefg", "xgcbyeaz")
        val phases = ops.map { when (it) { is ListOp.Remove -> 0; is ListOp.Move -> 1; is ListOp.Insert -> 2 } }
        assertEquals(phases.sorted(), phases)
        assertEquals(2, ops.count { it is ListOp.Remove })
        assertEquals(3, ops.count { it is ListOp.Insert })
        assertEquals(3, moves(ops))
    }

    @Test
    fun manyPermutationsRoundTrip() {
        val base = "abcdefghij"
        var seed = 7
        repeat(40) {
            val shuffled = base.toMutableList()
            for (i in shuffled.indices.reversed()) {
                seed = (seed * 1103515245 + 12345) and 0x7fffffff
                val j = seed % (i + 1)
                val t = shuffled[i]; shuffled[i] = shuffled[j]; shuffled[j] = t
            }
            val target = shuffled.joinToString("").drop(seed % 3) + "XY".take(seed % 3)
            roundTrip(base, target)
        }
    }

    @Test
    fun duplicateKeysAreRejected() {
        assertFailsWith<IllegalArgumentException> { keyedDiff(keys("aba"), keys("ab")) }
        assertFailsWith<IllegalArgumentException> { keyedDiff(keys("ab"), keys("bb")) }
    }

    @Test
    fun applyOpsValidatesKeysAndIndices() {
        assertFailsWith<IllegalArgumentException> { applyOps(keys("ab"), listOf(ListOp.Remove(0, "b"))) }
        assertFailsWith<IllegalArgumentException> { applyOps(keys("ab"), listOf(ListOp.Remove(2, "b"))) }
        assertFailsWith<IllegalArgumentException> { applyOps(keys("ab"), listOf(ListOp.Insert(3, "c"))) }
        assertFailsWith<IllegalArgumentException> { applyOps(keys("ab"), listOf(ListOp.Move(0, 2, "a"))) }
        assertEquals(keys("ba"), applyOps(keys("ab"), listOf(ListOp.Move(0, 1, "a"))))
    }

    @Test
    fun applyOpsDoesNotModifyItsInput() {
        val input = keys("abc")
        applyOps(input, listOf(ListOp.Remove(0, "a")))
        assertEquals(keys("abc"), input)
    }
}
