package kateval.tasks.imagecache

import kotlin.test.*

class ImageCacheUnlinkHiddenTest {
    private fun cache(vararg urls: String, max: Int = 300) = ImageMemoryCache(max).also { c -> urls.forEach { c.put(Bitmap(it, 100)) } }

    @Test
    fun qaScenarioEvictsLeastRecentlyViewed() {
        val c = cache("A", "B", "C")
        c.get("A")
        c.put(Bitmap("D", 100))
        assertEquals(listOf("B"), c.evicted)
        assertEquals(listOf("D", "A", "C"), c.keysByRecency())
        assertEquals(300, c.usedBytes)
    }

    @Test
    fun evictionOrderFollowsRecency() {
        val c = cache("a", "b", "c")
        c.get("a"); c.get("b")
        c.put(Bitmap("d", 200))
        assertEquals(listOf("c", "a"), c.evicted)
        assertEquals(listOf("d", "b"), c.keysByRecency())
    }

    @Test
    fun removingTheOldestKeepsListConsistent() {
        val c = cache("a", "b", "c")
        c.remove("a")
        c.put(Bitmap("d", 100))
        c.put(Bitmap("e", 100))
        assertEquals(listOf("b"), c.evicted)
        assertEquals(listOf("e", "d", "c"), c.keysByRecency())
        assertEquals(300, c.usedBytes)
    }

    @Test
    fun viewingTheOldestThenEvicting() {
        val c = cache("a", "b")
        c.get("a")
        c.put(Bitmap("c", 100)); c.put(Bitmap("d", 100))
        assertEquals(listOf("b"), c.evicted)
        assertEquals(listOf("d", "c", "a"), c.keysByRecency())
    }

    @Test
    fun replacingTheOldestImage() {
        val c = cache("a", "b", "c")
        c.put(Bitmap("a", 50))
        assertEquals(listOf("a", "c", "b"), c.keysByRecency())
        assertEquals(250, c.usedBytes)
        c.put(Bitmap("x", 100))
        assertEquals(listOf("b"), c.evicted)
    }

    @Test
    fun usedBytesMatchesContentsAfterManyOperations() {
        val c = ImageMemoryCache(500)
        var seed = 17
        repeat(400) {
            seed = (seed * 1103515245 + 12345) and 0x7fffffff
            val url = "img${seed % 12}"
            when (seed % 3) {
                0 -> c.put(Bitmap(url, 50 + seed % 150))
                1 -> c.get(url)
                else -> c.remove(url)
            }
            val keys = c.keysByRecency()
            assertEquals(keys.size, keys.toSet().size, "no duplicates")
            assertTrue(c.usedBytes <= 500)
        }
    }

    @Test
    fun recencyListTailIsUpdated() {
        val list = RecencyList<String>()
        val a = RecencyNode("a"); val b = RecencyNode("b")
        list.pushFront(a); list.pushFront(b)
        list.unlink(a)
        assertSame(b, list.tail)
        assertSame(b, list.removeLast())
        assertNull(list.head)
        assertNull(list.tail)
        assertEquals(0, list.size)
    }

    @Test
    fun oversizedImageIsNotCached() {
        val c = cache("a")
        c.put(Bitmap("huge", 301))
        assertNull(c.get("huge"))
        assertEquals(listOf("a"), c.keysByRecency())
    }
}
