package kateval.tasks.lrucache

import kotlin.test.*

class ExpiringLruCacheHiddenTest {
    private var now = 1_000L
    private val clock = Clock { now }

    @Test
    fun rejectsBadArguments() {
        assertFailsWith<IllegalArgumentException> { ExpiringLruCache<String, Int>(0, 10, clock) }
        assertFailsWith<IllegalArgumentException> { ExpiringLruCache<String, Int>(2, 0, clock) }
    }

    @Test
    fun getReturnsStoredValue() {
        val c = ExpiringLruCache<String, Int>(2, 100, clock)
        c.put("a", 1)
        assertEquals(1, c.get("a"))
        assertNull(c.get("missing"))
        assertEquals(1, c.size)
    }

    @Test
    fun entryExpiresExactlyAtTtl() {
        val c = ExpiringLruCache<String, Int>(2, 100, clock)
        c.put("a", 1)
        now = 1_099
        assertEquals(1, c.get("a"))
        now = 1_100
        assertNull(c.get("a"))
        assertEquals(0, c.size)
    }

    @Test
    fun readingDoesNotExtendLifetime() {
        val c = ExpiringLruCache<String, Int>(2, 100, clock)
        c.put("a", 1)
        now = 1_090; c.get("a")
        now = 1_150
        assertNull(c.get("a"))
    }

    @Test
    fun putRestartsLifetime() {
        val c = ExpiringLruCache<String, Int>(2, 100, clock)
        c.put("a", 1)
        now = 1_090; c.put("a", 2)
        now = 1_150
        assertEquals(2, c.get("a"))
    }

    @Test
    fun evictsLeastRecentlyUsed() {
        val c = ExpiringLruCache<String, Int>(2, 1_000, clock)
        c.put("a", 1); c.put("b", 2)
        c.get("a")
        c.put("c", 3)
        assertNull(c.get("b"))
        assertEquals(listOf("a", "c"), c.keys())
        assertEquals(1, c.evictionCount)
    }

    @Test
    fun expiredEntriesGoBeforeLruVictims() {
        val c = ExpiringLruCache<String, Int>(2, 100, clock)
        c.put("old", 1)
        now = 1_050; c.put("fresh", 2)
        c.get("old")
        now = 1_120
        c.put("new", 3)
        assertEquals(listOf("fresh", "new"), c.keys())
        assertEquals(0, c.evictionCount)
    }

    @Test
    fun entryExpiringExactlyNowGoesBeforeLruVictims() {
        // "old" expires at 1_100 (now >= t + ttl), so at 1_100 it is purged instead of evicting "fresh"
        val c = ExpiringLruCache<String, Int>(2, 100, clock)
        c.put("old", 1)
        now = 1_050; c.put("fresh", 2)
        c.get("old")
        now = 1_100
        c.put("new", 3)
        assertEquals(listOf("fresh", "new"), c.keys())
        assertEquals(0, c.evictionCount)
    }

    @Test
    fun replacingDoesNotEvict() {
        val c = ExpiringLruCache<String, Int>(2, 1_000, clock)
        c.put("a", 1); c.put("b", 2); c.put("a", 10)
        assertEquals(listOf("b", "a"), c.keys())
        assertEquals(0, c.evictionCount)
        assertEquals(10, c.get("a"))
    }

    @Test
    fun removeReturnsLiveValueOnly() {
        val c = ExpiringLruCache<String, Int>(3, 100, clock)
        c.put("a", 1); c.put("b", 2)
        assertEquals(1, c.remove("a"))
        assertNull(c.remove("a"))
        now = 2_000
        assertNull(c.remove("b"))
        assertEquals(0, c.size)
    }

    @Test
    fun sizeAndKeysIgnoreExpiredEntries() {
        val c = ExpiringLruCache<Int, String>(5, 100, clock)
        c.put(1, "x")
        now = 1_060; c.put(2, "y"); c.put(3, "z")
        now = 1_100
        assertEquals(2, c.size)
        assertEquals(listOf(2, 3), c.keys())
    }

    @Test
    fun capacityOneKeepsOnlyTheLatest() {
        val c = ExpiringLruCache<String, String>(1, 100, clock)
        c.put("a", "1"); c.put("b", "2"); c.put("c", "3")
        assertEquals(listOf("c"), c.keys())
        assertEquals(2, c.evictionCount)
    }

    @Test
    fun nullableValuesAreNotSupportedButEmptyStringsAre() {
        val c = ExpiringLruCache<String, String>(2, 100, clock)
        c.put("k", "")
        assertEquals("", c.get("k"))
    }
}
