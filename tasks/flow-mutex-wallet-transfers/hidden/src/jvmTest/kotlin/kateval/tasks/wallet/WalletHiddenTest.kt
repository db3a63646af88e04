package kateval.tasks.wallet

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import kotlin.test.*

class WalletHiddenTest {
    private fun test(block: suspend kotlinx.coroutines.CoroutineScope.() -> Unit) =
        runBlocking { withTimeout(20_000) { withContext(Dispatchers.Default) { block() } } }

    @Test
    fun validatesArguments() = test {
        assertFailsWith<IllegalArgumentException> { Wallet("a", -1) }
        val w = Wallet("a", 10)
        assertFailsWith<IllegalArgumentException> { w.deposit(0) }
        assertFailsWith<IllegalArgumentException> { w.withdraw(-5) }
        assertFailsWith<IllegalArgumentException> { w.transferTo(w, 1) }
        assertFailsWith<IllegalArgumentException> { w.transferTo(Wallet("b", 0), 0) }
    }

    @Test
    fun basicOperationsAndHistory() = test {
        val w = Wallet("a", 100)
        w.deposit(50)
        assertTrue(w.withdraw(120))
        assertFalse(w.withdraw(31))
        assertEquals(30, w.balance())
        assertEquals(listOf(50L, -120L), w.history())
    }

    @Test
    fun concurrentDepositsAreNotLost() = test {
        val w = Wallet("a", 0)
        (1..2_000).map { async { w.deposit(1) } }.awaitAll()
        assertEquals(2_000, w.balance())
        assertEquals(2_000, w.history().size)
    }

    @Test
    fun concurrentWithdrawalsNeverOverdraw() = test {
        val w = Wallet("a", 1_000)
        val ok = (1..3_000).map { async { w.withdraw(1) } }.awaitAll().count { it }
        assertEquals(1_000, ok)
        assertEquals(0, w.balance())
    }

    @Test
    fun transferMovesMoney() = test {
        val a = Wallet("a", 100)
        val b = Wallet("b", 5)
        assertTrue(a.transferTo(b, 60))
        assertFalse(a.transferTo(b, 41))
        assertEquals(40, a.balance())
        assertEquals(65, b.balance())
        assertEquals(listOf(-60L), a.history())
        assertEquals(listOf(60L), b.history())
    }

    @Test
    fun oppositeTransfersDoNotDeadlock() = test {
        val a = Wallet("alice", 10_000)
        val b = Wallet("bob", 10_000)
        (1..2_000).map { i -> async { if (i % 2 == 0) a.transferTo(b, 3) else b.transferTo(a, 3) } }.awaitAll()
        assertEquals(20_000, a.balance() + b.balance())
        assertEquals(10_000, a.balance())
    }

    @Test
    fun moneyIsConservedAcrossManyWallets() = test {
        val wallets = (0 until 5).map { Wallet("w$it", 1_000) }
        (0 until 3_000).map { i ->
            async { wallets[i % 5].transferTo(wallets[(i * 7 + 1) % 5].takeIf { it !== wallets[i % 5] } ?: wallets[(i + 1) % 5], (i % 13 + 1).toLong()) }
        }.awaitAll()
        assertEquals(5_000, wallets.sumOf { it.balance() })
        assertTrue(wallets.all { it.balance() >= 0 })
    }

    @Test
    fun totalIsConsistentDuringTransfers() = test {
        val wallets = (0 until 4).map { Wallet("w$it", 500) }
        val movers = (0 until 4).map { k ->
            launch {
                var i = 0
                while (isActive) {
                    wallets[k].transferTo(wallets[(k + 1 + i % 3) % 4], 7)
                    i++
                    yield()
                }
            }
        }
        repeat(300) { assertEquals(2_000, totalOf(wallets)) }
        movers.forEach { it.cancel() }
    }

    @Test
    fun totalOfNoWalletsIsZero() = test {
        // The sum of no balances is 0; there is no lock to take.
        assertEquals(0, totalOf(emptyList()))
        assertEquals(42, totalOf(listOf(Wallet("only", 42))))
    }

    @Test
    fun historyRecordsOnlyAppliedOperations() = test {
        val a = Wallet("a", 10)
        val b = Wallet("b", 0)
        a.withdraw(20); a.transferTo(b, 11); b.withdraw(1)
        assertEquals(emptyList(), a.history())
        assertEquals(emptyList(), b.history())
        assertEquals(listOf(10L, 0L), listOf(a.balance(), b.balance()))
    }
}
