package kateval.tasks.quotes

import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertSame
import kotlin.test.assertTrue

class Drop(message: String) : RuntimeException(message)
class ScreenCrash(val screen: String, val code: Int) : RuntimeException("$screen crashed ($code)")

/** One connection of the fake server: quotes (by seq) to send, each `gap` ms apart, and then
 * a drop (when `drop` is set) or the end of the feed. */
data class Session(val seqs: List<Long>, val drop: String? = null, val gap: Long = 0)

/** Hands out the sessions in order (the last one for every further open) and records each
 * open's argument and virtual time, and how many connections were cancelled. */
class FakeServer(private val scope: TestScope, private val sessions: List<Session>) : QuoteSource {
    val opens = mutableListOf<Pair<Long?, Long>>()
    var cancelled = 0

    override fun open(afterSeq: Long?): Flow<Quote> = flow {
        opens += afterSeq to scope.testScheduler.currentTime
        val session = sessions[minOf(opens.size - 1, sessions.size - 1)]
        try {
            for (seq in session.seqs) {
                if (session.gap > 0) delay(session.gap)
                emit(Quote(seq, "KTX", seq * 10))
            }
        } catch (e: kotlinx.coroutines.CancellationException) {
            cancelled++
            throw e
        }
        session.drop?.let { throw Drop(it) }
    }
}

class ResilientQuotesHiddenTest {
    private suspend fun Flow<Quote>.seqs() = toList().map { it.seq }

    @Test
    fun nothingHappensUntilCollected() = runTest {
        val server = FakeServer(this, listOf(Session(listOf(1, 2))))
        val flow = server.resilientQuotes()
        runCurrent()
        assertEquals(emptyList(), server.opens)
        assertEquals(listOf(1L, 2L), flow.seqs())
        assertEquals(listOf(1L, 2L), flow.seqs())
        assertEquals(listOf<Pair<Long?, Long>>(null to 0L, null to 0L), server.opens)
    }

    @Test
    fun duplicatesAndOlderQuotesAreDropped() = runTest {
        val server = FakeServer(this, listOf(Session(listOf(5, 7), drop = "reset"),
            Session(listOf(3, 6, 7, 8, 8, 9))))
        assertEquals(listOf(5L, 7L, 8L, 9L), server.resilientQuotes().seqs())
        assertEquals(listOf<Pair<Long?, Long>>(null to 0L, 7L to 1_000L), server.opens)
    }

    @Test
    fun aFailureBeforeAnyQuoteReopensFromNull() = runTest {
        val server = FakeServer(this, listOf(Session(emptyList(), drop = "refused"), Session(listOf(1))))
        assertEquals(listOf(1L), server.resilientQuotes().seqs())
        assertEquals(listOf<Pair<Long?, Long>>(null to 0L, null to 1_000L), server.opens)
    }

    @Test
    fun waitsDoubleWhileFailuresContinue() = runTest {
        val server = FakeServer(this, listOf(Session(listOf(1), drop = "a"), Session(emptyList(), drop = "b"),
            Session(emptyList(), drop = "c"), Session(emptyList(), drop = "d"), Session(listOf(2))))
        assertEquals(listOf(1L, 2L), server.resilientQuotes().seqs())
        assertEquals(listOf(0L, 1_000L, 3_000L, 7_000L, 15_000L), server.opens.map { it.second })
        assertEquals(listOf(null, 1L, 1L, 1L, 1L), server.opens.map { it.first })
    }

    @Test
    fun waitsAreCapped() = runTest {
        val server = FakeServer(this, listOf(Session(emptyList(), drop = "x"), Session(emptyList(), drop = "x"),
            Session(emptyList(), drop = "x"), Session(listOf(1))))
        val backoff = StreamBackoff(initialMillis = 300, maxMillis = 500, maxConsecutiveFailures = 10)
        server.resilientQuotes(backoff).seqs()
        assertEquals(listOf(0L, 300L, 800L, 1_300L), server.opens.map { it.second })
    }

    @Test
    fun anEmittedQuoteResetsTheBackoff() = runTest {
        val server = FakeServer(this, listOf(Session(emptyList(), drop = "a"), Session(listOf(1), drop = "b"),
            Session(listOf(2))))
        assertEquals(listOf(1L, 2L), server.resilientQuotes().seqs())
        assertEquals(listOf(0L, 1_000L, 2_000L), server.opens.map { it.second })
    }

    @Test
    fun aDroppedDuplicateDoesNotResetTheBackoff() = runTest {
        val server = FakeServer(this, listOf(Session(listOf(4), drop = "a"), Session(listOf(4), drop = "b"),
            Session(listOf(5))))
        assertEquals(listOf(4L, 5L), server.resilientQuotes().seqs())
        assertEquals(listOf(0L, 1_000L, 3_000L), server.opens.map { it.second })
    }

    @Test
    fun givesUpAfterMaxConsecutiveFailuresWithTheLastOne() = runTest {
        val server = FakeServer(this, listOf(Session(listOf(1), drop = "first"), Session(emptyList(), drop = "second"),
            Session(emptyList(), drop = "third"), Session(listOf(9))))
        val seen = mutableListOf<Long>()
        val failure = assertFailsWith<Drop> {
            server.resilientQuotes(StreamBackoff(maxConsecutiveFailures = 3)).collect { seen += it.seq }
        }
        assertEquals("third", failure.message)
        assertEquals(listOf(1L), seen)
        assertEquals(3, server.opens.size)
        assertEquals(3_000L, testScheduler.currentTime)
    }

    @Test
    fun defaultGivesUpAtTheFifthFailure() = runTest {
        val server = FakeServer(this, listOf(Session(emptyList(), drop = "down")))
        assertFailsWith<Drop> { server.resilientQuotes().collect() }
        assertEquals(listOf(0L, 1_000L, 3_000L, 7_000L, 15_000L), server.opens.map { it.second })
    }

    @Test
    fun aCollectorExceptionIsNotRetried() = runTest {
        val server = FakeServer(this, listOf(Session(listOf(1, 2, 3))))
        val crash = ScreenCrash("quotes", 1)
        val thrown = assertFailsWith<ScreenCrash> {
            server.resilientQuotes().collect { if (it.seq == 2L) throw crash }
        }
        assertSame(crash, thrown)
        assertEquals(1, server.opens.size)
        runCurrent()
        advanceTimeBy(60_000)
        assertEquals(1, server.opens.size)
    }

    @Test
    fun takeCancelsTheConnectionWithoutReopening() = runTest {
        val server = FakeServer(this, listOf(Session(listOf(1, 2, 3, 4), gap = 100)))
        assertEquals(listOf(1L, 2L), server.resilientQuotes().take(2).seqs())
        advanceTimeBy(60_000)
        assertEquals(1, server.opens.size)
    }

    @Test
    fun cancellingTheCollectorStopsEverything() = runTest {
        val server = FakeServer(this, listOf(Session(listOf(1, 2, 3, 4, 5), gap = 1_000)))
        val seen = mutableListOf<Long>()
        val job = launch { server.resilientQuotes().onEach { seen += it.seq }.collect() }
        advanceTimeBy(2_500)
        job.cancel()
        advanceTimeBy(60_000)
        assertEquals(listOf(1L, 2L), seen)
        assertEquals(1, server.opens.size)
        assertEquals(1, server.cancelled)
        assertTrue(job.isCancelled)
    }
}
