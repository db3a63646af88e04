package kateval.tasks.searchstate

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

class SearchMachineHiddenTest {
    @Test
    fun debounceThenSearch() {
        val m = SearchMachine()
        assertTrue(m.handle(SearchEvent.TextChanged("sh", 0)).isEmpty())
        assertEquals(Status.TYPING, m.state.status)
        assertEquals(300L, m.state.dueAt)
        assertTrue(m.handle(SearchEvent.Tick(299)).isEmpty())
        assertEquals(listOf<SearchEffect>(SearchEffect.StartSearch(1, "sh")), m.handle(SearchEvent.Tick(300)))
        assertEquals(Status.LOADING, m.state.status)
        assertEquals(1, m.state.inFlight)
        assertEquals(2, m.state.nextRequestId)
        assertNull(m.state.pendingQuery)
        assertTrue(m.handle(SearchEvent.Tick(1000)).isEmpty())
    }

    @Test
    fun everyKeystrokeMovesTheDeadline() {
        val m = SearchMachine(debounceMillis = 100)
        m.handle(SearchEvent.TextChanged("sh", 0))
        m.handle(SearchEvent.TextChanged("sho", 80))
        assertTrue(m.handle(SearchEvent.Tick(150)).isEmpty())
        assertEquals(listOf<SearchEffect>(SearchEffect.StartSearch(1, "sho")), m.handle(SearchEvent.Tick(180)))
    }

    @Test
    fun resultsAreShown() {
        val m = SearchMachine()
        m.handle(SearchEvent.TextChanged("shoes", 0)); m.handle(SearchEvent.Tick(300))
        m.handle(SearchEvent.Results(1, listOf("red shoes", "blue shoes")))
        assertEquals(Status.SHOWING, m.state.status)
        assertEquals(listOf("red shoes", "blue shoes"), m.state.results)
        assertNull(m.state.inFlight)
    }

    @Test
    fun newQueryCancelsTheRequestInFlightAndStaleResultsAreIgnored() {
        val m = SearchMachine()
        m.handle(SearchEvent.TextChanged("sho", 0)); m.handle(SearchEvent.Tick(300))
        m.handle(SearchEvent.TextChanged("shoe", 350))
        assertEquals(Status.TYPING, m.state.status)
        assertEquals(listOf(SearchEffect.CancelSearch(1), SearchEffect.StartSearch(2, "shoe")), m.handle(SearchEvent.Tick(650)))
        m.handle(SearchEvent.Results(1, listOf("old")))
        assertEquals(emptyList(), m.state.results)
        assertEquals(Status.LOADING, m.state.status)
        m.handle(SearchEvent.Results(2, listOf("new")))
        assertEquals(listOf("new"), m.state.results)
    }

    @Test
    fun resultsWhileTypingKeepTypingStatus() {
        val m = SearchMachine()
        m.handle(SearchEvent.TextChanged("sho", 0)); m.handle(SearchEvent.Tick(300))
        m.handle(SearchEvent.TextChanged("shoe", 310))
        m.handle(SearchEvent.Results(1, listOf("a")))
        assertEquals(Status.TYPING, m.state.status)
        assertEquals(listOf("a"), m.state.results)
        assertEquals("shoe", m.state.pendingQuery)
    }

    @Test
    fun sameNormalizedQueryDoesNotSearchAgain() {
        val m = SearchMachine()
        m.handle(SearchEvent.TextChanged("red  shoes", 0)); m.handle(SearchEvent.Tick(300))
        m.handle(SearchEvent.Results(1, listOf("x")))
        m.handle(SearchEvent.TextChanged("red shoes ", 400))
        assertEquals(Status.SHOWING, m.state.status)
        assertNull(m.state.pendingQuery)
        assertEquals("red shoes ", m.state.text)
        m.handle(SearchEvent.TextChanged("red shoe", 500))
        m.handle(SearchEvent.TextChanged(" red\tshoes", 550))
        assertEquals(Status.SHOWING, m.state.status)
        assertTrue(m.handle(SearchEvent.Tick(10_000)).isEmpty())
    }

    @Test
    fun backToTheQueryInFlightShowsLoading() {
        val m = SearchMachine()
        m.handle(SearchEvent.TextChanged("abc", 0)); m.handle(SearchEvent.Tick(300))
        m.handle(SearchEvent.TextChanged("abcd", 310))
        m.handle(SearchEvent.TextChanged("abc", 320))
        assertEquals(Status.LOADING, m.state.status)
        assertNull(m.state.pendingQuery)
    }

    @Test
    fun tooShortCancelsAndResets() {
        val m = SearchMachine(minLength = 3)
        m.handle(SearchEvent.TextChanged("abc", 0)); m.handle(SearchEvent.Tick(300))
        assertEquals(listOf<SearchEffect>(SearchEffect.CancelSearch(1)), m.handle(SearchEvent.TextChanged(" ab ", 310)))
        assertEquals(Status.IDLE, m.state.status)
        assertNull(m.state.inFlight)
        assertNull(m.state.lastQuery)
        assertEquals(2, m.state.nextRequestId)
        assertTrue(m.handle(SearchEvent.TextChanged("a", 320)).isEmpty())
        assertTrue(m.handle(SearchEvent.Tick(5000)).isEmpty())
    }

    @Test
    fun submitFiresImmediately() {
        val m = SearchMachine()
        m.handle(SearchEvent.TextChanged("lamp", 0))
        assertEquals(listOf<SearchEffect>(SearchEffect.StartSearch(1, "lamp")), m.handle(SearchEvent.Submit))
        assertTrue(m.handle(SearchEvent.Submit).isEmpty())
        assertTrue(m.handle(SearchEvent.Tick(300)).isEmpty())
    }

    @Test
    fun failureAndRetry() {
        val m = SearchMachine()
        m.handle(SearchEvent.TextChanged("lamp", 0)); m.handle(SearchEvent.Tick(300))
        m.handle(SearchEvent.Results(1, listOf("desk lamp")))
        m.handle(SearchEvent.TextChanged("lamps", 400)); m.handle(SearchEvent.Tick(700))
        m.handle(SearchEvent.Failed(2, "offline"))
        assertEquals(Status.ERROR, m.state.status)
        assertEquals("offline", m.state.error)
        assertEquals(listOf("desk lamp"), m.state.results)
        m.handle(SearchEvent.Failed(2, "again"))
        assertEquals("offline", m.state.error)
        assertEquals(listOf<SearchEffect>(SearchEffect.StartSearch(3, "lamps")), m.handle(SearchEvent.Submit))
        assertNull(m.state.error)
        assertEquals(Status.LOADING, m.state.status)
    }

    @Test
    fun clearCancels() {
        val m = SearchMachine()
        m.handle(SearchEvent.TextChanged("lamp", 0)); m.handle(SearchEvent.Tick(300))
        assertEquals(listOf<SearchEffect>(SearchEffect.CancelSearch(1)), m.handle(SearchEvent.Clear))
        assertEquals("", m.state.text)
        assertEquals(Status.IDLE, m.state.status)
        assertTrue(m.handle(SearchEvent.Clear).isEmpty())
        m.handle(SearchEvent.TextChanged("xy", 10))
        assertEquals(listOf<SearchEffect>(SearchEffect.StartSearch(2, "xy")), m.handle(SearchEvent.Submit))
    }
}
