package kateval.tasks.tabhistory

import kotlin.test.Test
import kotlin.test.assertEquals

class TabHistoryHiddenTest {
    @Test
    fun instructionExamples() {
        assertEquals(listOf("home", "search"), selectTab(listOf("home"), "search", "home"))
        assertEquals(listOf("home", "cart", "search"), selectTab(listOf("home", "search", "cart"), "search", "home"))
        assertEquals(listOf("home"), selectTab(listOf("home", "search", "cart"), "home", "home"))
        assertEquals(listOf("home", "cart"), selectTab(emptyList(), "cart", "home"))
    }

    @Test
    fun selectingTheCurrentTabChangesNothing() {
        assertEquals(listOf("home", "search"), selectTab(listOf("home", "search"), "search", "home"))
    }

    @Test
    fun startTabIsAddedWhenMissing() {
        assertEquals(listOf("home", "cart", "profile"), selectTab(listOf("cart"), "profile", "home"))
    }

    @Test
    fun startTabNeverMovesFromTheFront() {
        assertEquals(listOf("home", "a", "b"), selectTab(listOf("a", "home", "b"), "b", "home"))
    }

    @Test
    fun duplicatesKeepTheLastOccurrence() {
        assertEquals(listOf("home", "b", "a", "c"), selectTab(listOf("home", "a", "b", "a"), "c", "home"))
        assertEquals(listOf("home", "a", "b"), selectTab(listOf("home", "b", "a", "b", "a"), "b", "home"))
    }

    @Test
    fun tabsAreCaseSensitive() {
        assertEquals(listOf("home", "Cart", "cart"), selectTab(listOf("home", "Cart"), "cart", "home"))
        assertEquals(listOf("home", "Home"), selectTab(listOf("home"), "Home", "home"))
    }

    @Test
    fun emptyHistoryAndStartTab() {
        assertEquals(listOf("home"), selectTab(emptyList(), "home", "home"))
    }
}
