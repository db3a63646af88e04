package kateval.tasks.search

import kotlinx.coroutines.delay
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class SearchPresenterExamplesTest {
    @Test
    fun typingQuicklySendsOneRequestAfterTheQuietPeriod() = runTest {
        val sent = mutableListOf<String>()
        val presenter = SearchPresenter({ query -> sent += query; delay(50); listOf("$query!") },
            backgroundScope)
        for (text in listOf("k", "ko", "kot")) {
            presenter.onQueryChanged(text)
            advanceTimeBy(100)
        }
        assertEquals(emptyList(), sent)
        advanceTimeBy(1_000) // the presenter runs in backgroundScope: move the virtual clock
        runCurrent()
        assertEquals(listOf("kot"), sent)
        assertEquals(SearchState(text = "kot", results = listOf("kot!")), presenter.state.value)
    }
}
