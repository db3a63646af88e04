package kateval.tasks.lww

import kotlin.test.*

class LwwHiddenTest {
    private fun s(v: String?, t: Long, n: String) = Stamped(v, Stamp(t, n))

    @Test
    fun stampsOrderByLamportFirst() {
        assertTrue(Stamp(2, "a") > Stamp(1, "z"))
        assertTrue(Stamp(10, "a") > Stamp(9, "b"))
    }

    @Test
    fun nodeBreaksTies() {
        assertTrue(Stamp(5, "phone") > Stamp(5, "laptop"))
        assertEquals(0, Stamp(5, "x").compareTo(Stamp(5, "x")))
    }

    @Test
    fun largeLamportValuesCompareCorrectly() {
        assertTrue(Stamp(Long.MAX_VALUE, "a") > Stamp(Long.MIN_VALUE, "b"))
        assertTrue(Stamp(-1, "a") < Stamp(0, "a"))
    }

    @Test
    fun newerOfPicksTheLaterWrite() {
        assertEquals("b", newerOf(s("a", 1, "n1"), s("b", 2, "n1")).value)
        assertEquals("a", newerOf(s("a", 3, "n1"), s("b", 2, "n9")).value)
    }

    @Test
    fun newerOfPrefersFirstOnEqualStamps() {
        val a = s("a", 4, "n")
        val b = s("b", 4, "n")
        assertSame(a, newerOf(a, b))
    }

    @Test
    fun mergeTakesUnionAndNewest() {
        val local = linkedMapOf("title" to s("Draft", 3, "phone"), "body" to s("x", 1, "phone"))
        val remote = linkedMapOf("body" to s("y", 2, "web"), "tag" to s("news", 1, "web"))
        val merged = mergeLww(local, remote)
        assertEquals(mapOf("title" to "Draft", "body" to "y", "tag" to "news"), merged.mapValues { it.value.value })
        assertEquals(listOf("title", "body", "tag"), merged.keys.toList())
    }

    @Test
    fun tombstonesWinWhenNewer() {
        val merged = mergeLww(mapOf("k" to s("v", 1, "a")), mapOf("k" to s(null, 2, "b")))
        assertTrue("k" in merged)
        assertNull(merged.getValue("k").value)
    }

    @Test
    fun olderTombstoneLoses() {
        val merged = mergeLww(mapOf("k" to s(null, 1, "a")), mapOf("k" to s("back", 1, "b")))
        assertEquals("back", merged.getValue("k").value)
    }

    @Test
    fun emptyMapsMerge() {
        assertEquals(emptyMap(), mergeLww(emptyMap<String, Stamped<Int>>(), emptyMap()))
        val only = mapOf(1 to Stamped(10, Stamp(1, "a")))
        assertEquals(only, mergeLww(emptyMap(), only))
        assertEquals(only, mergeLww(only, emptyMap()))
    }

    @Test
    fun inputsAreNotModified() {
        val local = mutableMapOf("a" to s("1", 1, "x"))
        val remote = mutableMapOf("a" to s("2", 2, "y"), "b" to s("3", 1, "y"))
        mergeLww(local, remote)
        assertEquals(1, local.size)
        assertEquals("1", local.getValue("a").value)
        assertEquals(2, remote.size)
    }

    @Test
    fun remoteOnlyKeysKeepRemoteOrder() {
        val merged = mergeLww(mapOf("m" to s("1", 1, "a")), linkedMapOf("z" to s("1", 1, "b"), "c" to s("1", 1, "b"), "m" to s("0", 0, "b")))
        assertEquals(listOf("m", "z", "c"), merged.keys.toList())
    }
}
