package kateval.tasks.outbox

import kotlin.test.*

class OutboxHiddenTest {
    private var now = 100L
    private fun outbox(max: Int = 3) = Outbox(max, { 1_000L * it }, Clock { now })
    private fun List<OutboxMessage>.ids() = map { it.id }

    @Test
    fun rejectsBadArguments() {
        assertFailsWith<IllegalArgumentException> { Outbox(0, { 0 }, Clock { 0 }) }
        assertFailsWith<IllegalArgumentException> { outbox().claim(0) }
    }

    @Test
    fun idsAreSequentialAndClaimIsInOrder() {
        val o = outbox()
        assertEquals(1L, o.enqueue("a", "1"))
        assertEquals(2L, o.enqueue("b", "1"))
        assertEquals(3L, o.enqueue("c", "1"))
        val claimed = o.claim(2)
        assertEquals(listOf(1L, 2L), claimed.ids())
        assertTrue(claimed.all { it.state == MessageState.IN_FLIGHT })
        assertEquals(listOf(3L), o.claim(5).ids())
        assertEquals(emptyList(), o.claim(5))
    }

    @Test
    fun pendingMessageWithSameKeyIsCoalesced() {
        val o = outbox()
        o.enqueue("note-1", "v1")
        o.enqueue("note-2", "x")
        assertEquals(1L, o.enqueue("note-1", "v2"))
        assertEquals(listOf("v2", "x"), o.pending().map { it.payload })
    }

    @Test
    fun inFlightMessageIsNotCoalesced() {
        val o = outbox()
        o.enqueue("k", "v1")
        o.claim(1)
        assertEquals(2L, o.enqueue("k", "v2"))
        assertEquals(2L, o.enqueue("k", "v3"))
        assertEquals(listOf("v1", "v3"), o.pending().map { it.payload })
    }

    @Test
    fun sameKeyIsDeliveredOneAtATime() {
        val o = outbox()
        o.enqueue("k", "v1"); o.claim(1); o.enqueue("k", "v2"); o.enqueue("z", "z")
        assertEquals(listOf(3L), o.claim(10).ids())
        assertTrue(o.ack(1))
        assertEquals(listOf(2L), o.claim(10).ids())
    }

    @Test
    fun ackRemovesOnlyInFlightMessages() {
        val o = outbox()
        o.enqueue("a", "1")
        assertFalse(o.ack(1))
        o.claim(1)
        assertTrue(o.ack(1))
        assertFalse(o.ack(1))
        assertFalse(o.ack(99))
        assertEquals(emptyList(), o.pending())
    }

    @Test
    fun nackSchedulesRetryWithBackoff() {
        val o = outbox()
        o.enqueue("a", "1")
        o.claim(1)
        assertTrue(o.nack(1))
        val m = o.pending().single()
        assertEquals(1, m.attempts)
        assertEquals(1_100L, m.availableAt)
        assertEquals(MessageState.PENDING, m.state)
        now = 1_099
        assertEquals(emptyList(), o.claim(1))
        now = 1_100
        assertEquals(listOf(1L), o.claim(1).ids())
    }

    @Test
    fun backoffBlocksNewerMessagesOfTheSameKeyOnly() {
        val o = outbox()
        o.enqueue("k", "v1"); o.claim(1)
        o.enqueue("k", "v2"); o.enqueue("other", "o")
        o.nack(1)
        assertEquals(listOf(3L), o.claim(10).ids())
        now = 5_000
        assertEquals(listOf(1L), o.claim(10).ids())
    }

    @Test
    fun coalescingTargetsTheNewestPendingMessage() {
        val o = outbox()
        o.enqueue("k", "v1"); o.claim(1)
        o.enqueue("k", "v2")
        o.nack(1)
        assertEquals(2L, o.enqueue("k", "v3"))
        assertEquals(listOf("v1", "v3"), o.pending().map { it.payload })
    }

    @Test
    fun messageDiesAfterMaxAttempts() {
        val o = outbox(max = 2)
        o.enqueue("k", "v1"); o.enqueue("k2", "x")
        o.claim(1); o.nack(1)
        now = 10_000
        o.claim(1); o.nack(1)
        assertEquals(listOf(1L), o.deadLetters.ids())
        assertEquals(2, o.deadLetters.single().attempts)
        assertEquals(listOf(2L), o.pending().ids())
    }

    @Test
    fun deadMessageUnblocksItsKey() {
        val o = outbox(max = 1)
        o.enqueue("k", "v1"); o.claim(1); o.enqueue("k", "v2")
        o.nack(1)
        assertEquals(listOf(2L), o.claim(5).ids())
        assertEquals(listOf("v1"), o.deadLetters.map { it.payload })
    }

    @Test
    fun nackOfUnknownOrPendingIsFalse() {
        val o = outbox()
        o.enqueue("a", "1")
        assertFalse(o.nack(1))
        assertFalse(o.nack(42))
        assertEquals(0, o.pending().single().attempts)
    }

    @Test
    fun returnedMessagesAreSnapshots() {
        val o = outbox()
        o.enqueue("a", "1")
        val before = o.pending().single()
        o.enqueue("a", "2")
        assertEquals("1", before.payload)
        assertEquals(MessageState.PENDING, before.state)
    }
}
