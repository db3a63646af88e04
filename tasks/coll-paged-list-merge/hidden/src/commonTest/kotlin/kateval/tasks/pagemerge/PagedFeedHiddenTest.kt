package kateval.tasks.pagemerge

import kotlin.test.*

class PagedFeedHiddenTest {
    private fun i(id: String, t: Long = 1, title: String = id) = FeedItem(id, t, title)
    private fun PagedFeed.ids() = items.map { it.id }

    @Test
    fun firstPageNeedsNullCursor() {
        val f = PagedFeed()
        assertFalse(f.append(Page(listOf(i("a")), "c1"), "c0"))
        assertTrue(f.append(Page(listOf(i("a"), i("b")), "c1"), null))
        assertEquals(listOf("a", "b"), f.ids())
        assertEquals("c1", f.nextCursor)
        assertFalse(f.endReached)
    }

    @Test
    fun stalePageIsIgnored() {
        val f = PagedFeed()
        f.append(Page(listOf(i("a")), "c1"), null)
        f.append(Page(listOf(i("b")), "c2"), "c1")
        assertFalse(f.append(Page(listOf(i("zzz")), "c9"), "c1"))
        assertEquals(listOf("a", "b"), f.ids())
        assertEquals("c2", f.nextCursor)
    }

    @Test
    fun lastPageEndsTheFeed() {
        val f = PagedFeed()
        f.append(Page(listOf(i("a")), null), null)
        assertTrue(f.endReached)
        assertNull(f.nextCursor)
        assertFalse(f.append(Page(listOf(i("b")), null), null))
        assertEquals(listOf("a"), f.ids())
    }

    @Test
    fun duplicateAcrossPagesKeepsPositionAndNewerVersion() {
        val f = PagedFeed()
        f.append(Page(listOf(i("a", 1), i("b", 5, "b-old")), "c1"), null)
        f.append(Page(listOf(i("b", 7, "b-new"), i("c", 1)), "c2"), "c1")
        assertEquals(listOf("a", "b", "c"), f.ids())
        assertEquals("b-new", f.items[1].title)
    }

    @Test
    fun olderDuplicateIsDropped() {
        val f = PagedFeed()
        f.append(Page(listOf(i("a", 9, "keep")), "c1"), null)
        f.append(Page(listOf(i("a", 3, "stale")), "c2"), "c1")
        assertEquals(listOf(i("a", 9, "keep")), f.items)
    }

    @Test
    fun tieGoesToTheArrivingItem() {
        val f = PagedFeed()
        f.append(Page(listOf(i("a", 4, "first")), "c1"), null)
        f.append(Page(listOf(i("a", 4, "second")), "c2"), "c1")
        assertEquals("second", f.items.single().title)
    }

    @Test
    fun duplicatesWithinOnePage() {
        val f = PagedFeed()
        f.append(Page(listOf(i("a", 2, "x"), i("b"), i("a", 1, "y"), i("a", 3, "z")), "c1"), null)
        assertEquals(listOf("a", "b"), f.ids())
        assertEquals("z", f.items[0].title)
    }

    @Test
    fun refreshPutsFirstPageOnTop() {
        val f = PagedFeed()
        f.append(Page(listOf(i("a"), i("b"), i("c")), "c1"), null)
        f.refresh(Page(listOf(i("n"), i("b", 2, "b2")), "other"))
        assertEquals(listOf("n", "b", "a", "c"), f.ids())
        assertEquals("b2", f.items[1].title)
        assertEquals("c1", f.nextCursor)
    }

    @Test
    fun refreshKeepsNewerListVersion() {
        val f = PagedFeed()
        f.append(Page(listOf(i("a", 10, "local")), "c1"), null)
        f.refresh(Page(listOf(i("a", 4, "server-old")), "c1"))
        assertEquals(listOf(i("a", 10, "local")), f.items)
    }

    @Test
    fun refreshBeforeAnyPageActsAsFirstAppend() {
        val f = PagedFeed()
        f.refresh(Page(listOf(i("a"), i("b")), "c1"))
        assertEquals(listOf("a", "b"), f.ids())
        assertEquals("c1", f.nextCursor)
        assertTrue(f.append(Page(listOf(i("c")), null), "c1"))
        assertTrue(f.endReached)
    }

    @Test
    fun refreshAfterEndKeepsEnd() {
        val f = PagedFeed()
        f.append(Page(listOf(i("a")), null), null)
        f.refresh(Page(listOf(i("z")), "more"))
        assertTrue(f.endReached)
        assertNull(f.nextCursor)
        assertEquals(listOf("z", "a"), f.ids())
    }

    @Test
    fun emptyPagesAreFine() {
        val f = PagedFeed()
        assertTrue(f.append(Page(emptyList(), "c1"), null))
        assertEquals(emptyList(), f.items)
        assertTrue(f.append(Page(emptyList(), null), "c1"))
        assertTrue(f.endReached)
    }
}
