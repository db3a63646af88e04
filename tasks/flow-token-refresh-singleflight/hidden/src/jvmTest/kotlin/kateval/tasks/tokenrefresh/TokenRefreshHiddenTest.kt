package kateval.tasks.tokenrefresh

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancel
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import kotlin.test.*

class TokenRefreshHiddenTest {
    private fun test(block: suspend CoroutineScope.(scope: CoroutineScope) -> Unit) = runBlocking {
        val scope = CoroutineScope(coroutineContext + Job())
        try { withTimeout(10_000) { block(scope) } } finally { scope.cancel() }
    }
    private suspend fun settle() = repeat(30) { yield() }

    @Test
    fun initialTokenIsUsedWithoutRefresh() = test { s ->
        val session = AuthSession(s, "t0") { "t$it" }
        assertEquals("t0", session.currentToken())
        assertEquals(0, session.refreshCount)
    }

    @Test
    fun missingTokenIsFetchedOnce() = test { s ->
        val session = AuthSession(s, null) { delay(20); "t$it" }
        val tokens = List(5) { async { session.currentToken() } }.awaitAll()
        assertEquals(List(5) { "t1" }, tokens)
        assertEquals(1, session.refreshCount)
    }

    @Test
    fun concurrentRejectionsShareOneRefresh() = test { s ->
        val gate = CompletableDeferred<Unit>()
        val session = AuthSession(s, "old") { gate.await(); "new$it" }
        val waiters = List(4) { async { session.tokenAfterRejection("old") } }
        settle()
        assertEquals(1, session.refreshCount)
        gate.complete(Unit)
        assertEquals(List(4) { "new1" }, waiters.awaitAll())
        assertEquals("new1", session.currentToken())
    }

    @Test
    fun staleRejectionReturnsCurrentToken() = test { s ->
        val session = AuthSession(s, "old") { "new$it" }
        assertEquals("new1", session.tokenAfterRejection("old"))
        assertEquals("new1", session.tokenAfterRejection("old"))
        assertEquals(1, session.refreshCount)
        assertEquals("new2", session.tokenAfterRejection("new1"))
    }

    @Test
    fun refreshFailureReachesAllWaitersAndIsRetriedLater() = test { s ->
        val gate = CompletableDeferred<Unit>()
        val session = AuthSession(s, "old") { n -> gate.await(); if (n == 1) throw IllegalStateException("auth server down") else "new$n" }
        val waiters = List(3) { async { runCatching { session.tokenAfterRejection("old") } } }
        settle()
        gate.complete(Unit)
        val results = waiters.awaitAll()
        assertTrue(results.all { it.exceptionOrNull()?.message == "auth server down" }, results.toString())
        assertEquals("old", session.currentToken())
        assertEquals("new2", session.tokenAfterRejection("old"))
        assertEquals(2, session.refreshCount)
    }

    @Test
    fun cancelledWaiterDoesNotCancelTheRefresh() = test { s ->
        val gate = CompletableDeferred<Unit>()
        val session = AuthSession(s, "old") { gate.await(); "new$it" }
        val first = launch { session.tokenAfterRejection("old") }
        settle()
        val second = async { session.tokenAfterRejection("old") }
        settle()
        first.cancelAndJoin()
        gate.complete(Unit)
        assertEquals("new1", second.await())
        assertEquals(1, session.refreshCount)
    }

    @Test
    fun refreshSurvivesWhenTheOnlyWaiterIsCancelled() = test { s ->
        val gate = CompletableDeferred<Unit>()
        val session = AuthSession(s, "old") { gate.await(); "new$it" }
        val only = launch { session.tokenAfterRejection("old") }
        settle()
        only.cancelAndJoin()
        gate.complete(Unit)
        settle()
        assertEquals("new1", session.currentToken())
        assertEquals(1, session.refreshCount)
    }

    @Test
    fun clientRetriesOnceWithFreshToken() = test { s ->
        val session = AuthSession(s, "old") { "new$it" }
        val client = ApiClient(session)
        val seen = mutableListOf<String>()
        val value = client.call { t -> seen += t; if (t == "old") ApiResponse.Unauthorized else ApiResponse.Ok(42) }
        assertEquals(42, value)
        assertEquals(listOf("old", "new1"), seen)
    }

    @Test
    fun secondUnauthorizedExpiresTheSession() = test { s ->
        val client = ApiClient(AuthSession(s, "old") { "new$it" })
        var calls = 0
        assertFailsWith<SessionExpiredException> { client.call<Int> { calls++; ApiResponse.Unauthorized } }
        assertEquals(2, calls)
    }

    @Test
    fun manyConcurrentCallsOnThreadsRefreshOnce() = runBlocking {
        val scope = CoroutineScope(Dispatchers.Default + Job())
        try {
            val session = AuthSession(scope, "old") { delay(50); "new$it" }
            val client = ApiClient(session)
            val results = withContext(Dispatchers.Default) {
                List(50) { i -> async { client.call { t -> if (t == "old") ApiResponse.Unauthorized else ApiResponse.Ok(i) } } }.awaitAll()
            }
            assertEquals((0 until 50).toList(), results)
            assertEquals(1, session.refreshCount)
        } finally {
            scope.cancel()
        }
    }
}
