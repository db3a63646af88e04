package kateval.tasks.quotes

import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class ResilientQuotesExamplesTest {
    @Test
    fun resumesAfterADropWithoutDuplicates() = runTest {
        val opened = mutableListOf<Pair<Long?, Long>>()
        val source = QuoteSource { after ->
            flow {
                opened += after to testScheduler.currentTime
                if (after == null) {
                    for (seq in 1L..3L) emit(Quote(seq, "KTX", 100 + seq))
                    throw RuntimeException("connection reset")
                }
                emit(Quote(3, "KTX", 103))
                emit(Quote(4, "KTX", 104))
            }
        }
        val seen = source.resilientQuotes().toList().map { it.seq }
        assertEquals(listOf(1L, 2L, 3L, 4L), seen)
        assertEquals(listOf<Pair<Long?, Long>>(null to 0L, 3L to 1_000L), opened)
    }
}
