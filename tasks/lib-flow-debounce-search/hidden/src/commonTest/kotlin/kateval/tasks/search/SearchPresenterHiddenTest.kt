package kateval.tasks.search

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** A backend that answers `<query>!` after `delays[query]` ms (default 20), records what it
 * was asked and what it finished, and throws for the queries in `failures`. */
class FakeBackend(
    private val delays: Map<String, Long> = emptyMap(),
    private val failures: Map<String, String> = emptyMap(),
) : SearchBackend {
    val sent = mutableListOf<String>()
    val finished = mutableListOf<String>()

    override suspend fun search(query: String): List<String> {
        sent += query
        delay(delays[query] ?: 20)
        failures[query]?.let { throw IllegalStateException(it) }
        finished += query
        return listOf("$query!")
    }
}

class SearchPresenterHiddenTest {
    private fun TestScope.presenter(backend: SearchBackend, quietMillis: Long = 300) =
        SearchPresenter(backend, backgroundScope, quietMillis)

    /** Lets the quiet period and any request finish. The presenter runs in backgroundScope,
     * whose work advanceUntilIdle() does not wait for: the virtual clock is moved instead. */
    private fun TestScope.settle() {
        advanceTimeBy(60_000)
        runCurrent()
    }

    /** Types `text` and lets the quiet period and any request finish. */
    private fun TestScope.typeAndSettle(presenter: SearchPresenter, text: String) {
        presenter.onQueryChanged(text)
        settle()
    }

    @Test
    fun stateStartsEmpty() = runTest {
        assertEquals(SearchState(), presenter(FakeBackend()).state.value)
    }

    @Test
    fun textIsRecordedAtOnceWithoutARequest() = runTest {
        val backend = FakeBackend()
        val presenter = presenter(backend)
        presenter.onQueryChanged("ko")
        assertEquals("ko", presenter.state.value.text)
        runCurrent()
        assertEquals(emptyList(), backend.sent)
    }

    @Test
    fun searchStartsExactlyWhenTheQuietPeriodEnds() = runTest {
        val backend = FakeBackend()
        val presenter = presenter(backend)
        presenter.onQueryChanged("kotlin")
        advanceTimeBy(299)
        assertEquals(emptyList(), backend.sent)
        advanceTimeBy(1)
        runCurrent()
        assertEquals(listOf("kotlin"), backend.sent)
    }

    @Test
    fun eachKeystrokeRestartsTheQuietPeriod() = runTest {
        val backend = FakeBackend()
        val presenter = presenter(backend)
        for (text in listOf("c", "co", "cor", "coro")) {
            presenter.onQueryChanged(text)
            advanceTimeBy(250)
        }
        assertEquals(emptyList(), backend.sent)
        settle()
        assertEquals(listOf("coro"), backend.sent)
        assertEquals(listOf("coro!"), presenter.state.value.results)
    }

    @Test
    fun quietPeriodIsTheConstructorArgument() = runTest {
        val backend = FakeBackend()
        val presenter = presenter(backend, quietMillis = 50)
        presenter.onQueryChanged("flow")
        advanceTimeBy(49)
        assertEquals(emptyList(), backend.sent)
        advanceTimeBy(1)
        runCurrent()
        assertEquals(listOf("flow"), backend.sent)
    }

    @Test
    fun queryIsTrimmedButTextIsKeptAsTyped() = runTest {
        val backend = FakeBackend()
        val presenter = presenter(backend)
        typeAndSettle(presenter, "  ktor \n")
        assertEquals(listOf("ktor"), backend.sent)
        assertEquals(SearchState(text = "  ktor \n", results = listOf("ktor!")), presenter.state.value)
    }

    @Test
    fun shortQueriesAreNotSentAndClearTheResults() = runTest {
        val backend = FakeBackend()
        val presenter = presenter(backend)
        typeAndSettle(presenter, "kotlin")
        typeAndSettle(presenter, " k ")
        assertEquals(listOf("kotlin"), backend.sent)
        assertEquals(SearchState(text = " k "), presenter.state.value)
        typeAndSettle(presenter, "")
        assertEquals(listOf("kotlin"), backend.sent)
        assertEquals(SearchState(), presenter.state.value)
    }

    @Test
    fun twoCharactersAreEnough() = runTest {
        val backend = FakeBackend()
        typeAndSettle(presenter(backend), "ab")
        assertEquals(listOf("ab"), backend.sent)
    }

    @Test
    fun theSameTrimmedQuerySendsNothingNew() = runTest {
        val backend = FakeBackend()
        val presenter = presenter(backend)
        typeAndSettle(presenter, "kotlin")
        typeAndSettle(presenter, "kotlin ")
        typeAndSettle(presenter, " kotlin")
        assertEquals(listOf("kotlin"), backend.sent)
        assertEquals(listOf("kotlin!"), presenter.state.value.results)
        assertEquals(" kotlin", presenter.state.value.text)
    }

    @Test
    fun aQueryIsSentAgainAfterADifferentOne() = runTest {
        val backend = FakeBackend()
        val presenter = presenter(backend)
        typeAndSettle(presenter, "kotlin")
        typeAndSettle(presenter, "k")
        typeAndSettle(presenter, "kotlin")
        assertEquals(listOf("kotlin", "kotlin"), backend.sent)
        assertEquals(listOf("kotlin!"), presenter.state.value.results)
    }

    @Test
    fun loadingWhileARequestRunsKeepsTheOldResults() = runTest {
        val backend = FakeBackend(delays = mapOf("abc" to 1_000))
        val presenter = presenter(backend)
        typeAndSettle(presenter, "ab")
        presenter.onQueryChanged("abc")
        advanceTimeBy(300)
        runCurrent()
        assertEquals(SearchState(text = "abc", loading = true, results = listOf("ab!")),
            presenter.state.value)
        advanceTimeBy(999)
        assertTrue(presenter.state.value.loading)
        settle()
        assertEquals(SearchState(text = "abc", results = listOf("abc!")), presenter.state.value)
    }

    @Test
    fun aFailureIsShownAndTheNextQueryStillWorks() = runTest {
        val backend = FakeBackend(failures = mapOf("boom" to "backend down"))
        val presenter = presenter(backend)
        typeAndSettle(presenter, "kotlin")
        typeAndSettle(presenter, "boom")
        assertEquals(SearchState(text = "boom", error = "search failed: backend down"),
            presenter.state.value)
        presenter.onQueryChanged("flow")
        advanceTimeBy(300)
        runCurrent()
        assertTrue(presenter.state.value.loading)
        assertNull(presenter.state.value.error)
        settle()
        assertEquals(SearchState(text = "flow", results = listOf("flow!")), presenter.state.value)
    }

    @Test
    fun aNewQueryCancelsTheStaleRequest() = runTest {
        val backend = FakeBackend(delays = mapOf("slow" to 5_000, "fast" to 10))
        val presenter = presenter(backend)
        presenter.onQueryChanged("slow")
        advanceTimeBy(400)
        assertEquals(listOf("slow"), backend.sent)
        presenter.onQueryChanged("fast")
        settle()
        assertEquals(listOf("slow", "fast"), backend.sent)
        assertEquals(listOf("fast"), backend.finished)
        assertEquals(SearchState(text = "fast", results = listOf("fast!")), presenter.state.value)
    }

    @Test
    fun theStaleRequestRunsUntilTheNewQueryIsDue() = runTest {
        val backend = FakeBackend(delays = mapOf("slow" to 500, "fast" to 10))
        val presenter = presenter(backend)
        presenter.onQueryChanged("slow")
        advanceTimeBy(400)
        presenter.onQueryChanged("fast") // due at 700: "slow" answers at 800, too late
        advanceTimeBy(250)
        assertEquals(listOf("slow"), backend.sent)
        assertTrue(presenter.state.value.loading)
        settle()
        assertEquals(listOf("fast"), backend.finished)
        assertEquals(listOf("fast!"), presenter.state.value.results)
    }

    @Test
    fun aShortQueryCancelsTheRunningRequest() = runTest {
        val backend = FakeBackend(delays = mapOf("slow" to 5_000))
        val presenter = presenter(backend)
        presenter.onQueryChanged("slow")
        advanceTimeBy(400)
        typeAndSettle(presenter, "s")
        assertEquals(emptyList(), backend.finished)
        assertEquals(SearchState(text = "s"), presenter.state.value)
    }

    @Test
    fun cancellingTheScopeStopsThePresenter() = runTest {
        val backend = FakeBackend()
        val scope = CoroutineScope(backgroundScope.coroutineContext + Job(backgroundScope.coroutineContext[Job]))
        val presenter = SearchPresenter(backend, scope)
        typeAndSettle(presenter, "kotlin")
        scope.cancel()
        typeAndSettle(presenter, "flow")
        assertEquals(listOf("kotlin"), backend.sent)
        assertEquals("flow", presenter.state.value.text)
        assertFalse(presenter.state.value.loading)
    }
}
