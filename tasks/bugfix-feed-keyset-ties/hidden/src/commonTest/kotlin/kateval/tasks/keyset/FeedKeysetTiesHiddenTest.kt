package kateval.tasks.keyset

import kotlin.test.*

class FeedKeysetTiesHiddenTest {
    private fun p(id: String, t: Long) = Post(id, t, id)

    @Test
    fun reportedScenario() {
        val posts = (1..5).map { p("p$it", 100) }
        assertEquals(listOf("p1", "p2", "p3", "p4", "p5"), FeedRepository(PostSource(posts), 2).loadAll().map { it.id })
    }

    @Test
    fun mixedTimestampsAndTies() {
        val posts = listOf(p("b", 200), p("a", 200), p("c", 150), p("e", 100), p("d", 100), p("f", 100), p("g", 50))
        val ids = FeedRepository(PostSource(posts), 3).loadAll().map { it.id }
        assertEquals(listOf("a", "b", "c", "d", "e", "f", "g"), ids)
    }

    @Test
    fun everyPageSizeGivesTheSameFeed() {
        val posts = (0 until 23).map { p("id%02d".format2(it), (it / 4).toLong()) }
        val expected = posts.sortedWith(FEED_ORDER).map { it.id }
        for (size in 1..8) assertEquals(expected, FeedRepository(PostSource(posts), size).loadAll().map { it.id }, "page size $size")
    }

    @Test
    fun isAfterFollowsFeedOrder() {
        val c = Cursor(100, "m")
        assertTrue(isAfter(p("n", 100), c))
        assertFalse(isAfter(p("a", 100), c))
        assertFalse(isAfter(p("m", 100), c))
        assertTrue(isAfter(p("a", 99), c))
        assertFalse(isAfter(p("z", 101), c))
    }

    @Test
    fun lastPageHasNoCursor() {
        val src = PostSource(listOf(p("a", 1), p("b", 1)))
        val first = src.page(null, 1)
        assertEquals(Cursor(1, "a"), first.next)
        val second = src.page(first.next, 1)
        assertEquals(listOf("b"), second.posts.map { it.id })
        assertNull(second.next)
    }

    @Test
    fun requestCountIsMinimal() {
        val src = PostSource((1..6).map { p("x$it", 7) })
        FeedRepository(src, 2).loadAll()
        assertEquals(3, src.requests)
    }

    @Test
    fun emptyFeed() = assertEquals(emptyList(), FeedRepository(PostSource(emptyList()), 3).loadAll())
}

private fun String.format2(n: Int): String = replace("%02d", n.toString().padStart(2, '0'))
