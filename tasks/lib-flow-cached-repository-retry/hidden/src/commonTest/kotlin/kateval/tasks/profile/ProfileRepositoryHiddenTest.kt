package kateval.tasks.profile

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertSame
import kotlin.test.assertTrue

/** Answers from a script: each call takes the next outcome (a Profile or an exception to
 * throw) after `latency` ms of virtual time, and records when it was called. */
class ScriptedApi(
    private val scope: TestScope,
    private val outcomes: List<Any>,
    private val latency: Long = 0,
) : ProfileApi {
    val calls = mutableListOf<Long>()

    override suspend fun fetch(): Profile {
        calls += scope.testScheduler.currentTime
        val outcome = outcomes[minOf(calls.size - 1, outcomes.size - 1)]
        if (latency > 0) delay(latency)
        if (outcome is Throwable) throw outcome
        return outcome as Profile
    }
}

private val ADA = Profile("u1", "Ada")
private val GRACE = Profile("u1", "Grace")

class ProfileRepositoryHiddenTest {
    private fun transient(message: String = "busy") = TransientException(message)

    @Test
    fun startsEmpty() = runTest {
        val repository = ProfileRepository(ScriptedApi(this, listOf(ADA)), backgroundScope)
        assertEquals(CachedProfile(), repository.state.value)
    }

    @Test
    fun refreshingIsShownWhileTheCallRuns() = runTest {
        val api = ScriptedApi(this, listOf(ADA), latency = 100)
        val repository = ProfileRepository(api, backgroundScope)
        repository.refresh()
        runCurrent()
        assertEquals(CachedProfile(refreshing = true), repository.state.value)
        advanceTimeBy(101)
        assertEquals(CachedProfile(profile = ADA), repository.state.value)
    }

    @Test
    fun defaultPolicyBacksOffExponentially() = runTest {
        val api = ScriptedApi(this, listOf(transient(), transient(), transient(), ADA))
        val repository = ProfileRepository(api, backgroundScope)
        repository.refresh().join()
        assertEquals(listOf(0L, 500L, 1500L, 3500L), api.calls)
        assertEquals(CachedProfile(profile = ADA), repository.state.value)
    }

    @Test
    fun defaultPolicyGivesUpAfterFourCalls() = runTest {
        val api = ScriptedApi(this, listOf(transient("one"), transient("two"), transient("three"),
            transient("four"), ADA))
        val repository = ProfileRepository(api, backgroundScope)
        repository.refresh().join()
        assertEquals(4, api.calls.size)
        assertEquals(CachedProfile(lastError = "four"), repository.state.value)
        assertEquals(3500L, currentTime)
    }

    @Test
    fun waitsAreCappedAtMaxDelay() = runTest {
        val api = ScriptedApi(this, listOf(transient()))
        val policy = RetryPolicy(maxAttempts = 5, initialDelayMillis = 1_000, factor = 3.0,
            maxDelayMillis = 2_500)
        ProfileRepository(api, backgroundScope, policy).refresh().join()
        assertEquals(listOf(0L, 1_000L, 3_500L, 6_000L, 8_500L), api.calls)
    }

    @Test
    fun oneAttemptMeansNoRetry() = runTest {
        val api = ScriptedApi(this, listOf(transient("down"), ADA))
        val repository = ProfileRepository(api, backgroundScope, RetryPolicy(maxAttempts = 1))
        repository.refresh().join()
        assertEquals(listOf(0L), api.calls)
        assertEquals("down", repository.state.value.lastError)
    }

    @Test
    fun otherExceptionsAreNotRetried() = runTest {
        val api = ScriptedApi(this, listOf(IllegalStateException("forbidden"), ADA))
        val repository = ProfileRepository(api, backgroundScope)
        repository.refresh().join()
        assertEquals(1, api.calls.size)
        assertEquals(CachedProfile(lastError = "forbidden"), repository.state.value)
    }

    @Test
    fun anErrorWithoutMessageIsUnknownError() = runTest {
        val api = ScriptedApi(this, listOf(RuntimeException()))
        val repository = ProfileRepository(api, backgroundScope)
        repository.refresh().join()
        assertEquals("unknown error", repository.state.value.lastError)
    }

    @Test
    fun aFailedRefreshKeepsTheCachedProfile() = runTest {
        val api = ScriptedApi(this, listOf(ADA, IllegalStateException("gone")))
        val repository = ProfileRepository(api, backgroundScope)
        repository.refresh().join()
        repository.refresh().join()
        assertEquals(CachedProfile(profile = ADA, lastError = "gone"), repository.state.value)
    }

    @Test
    fun aNewRefreshClearsTheLastErrorAndReplacesTheProfile() = runTest {
        val api = ScriptedApi(this, listOf(ADA, IllegalStateException("gone"), GRACE), latency = 10)
        val repository = ProfileRepository(api, backgroundScope)
        repository.refresh().join()
        repository.refresh().join()
        repository.refresh()
        runCurrent()
        assertEquals(CachedProfile(profile = ADA, refreshing = true), repository.state.value)
        advanceTimeBy(11)
        assertEquals(CachedProfile(profile = GRACE), repository.state.value)
    }

    @Test
    fun refreshWhileRunningReturnsTheSameJob() = runTest {
        val api = ScriptedApi(this, listOf(transient(), ADA), latency = 50)
        val repository = ProfileRepository(api, backgroundScope)
        val first = repository.refresh()
        advanceTimeBy(300) // inside the first wait
        val second = repository.refresh()
        assertSame(first, second)
        first.join()
        assertEquals(2, api.calls.size)
        repository.refresh().join()
        assertEquals(3, api.calls.size)
    }

    @Test
    fun cancellingTheJobStopsRetryingAndIsNotAnError() = runTest {
        val api = ScriptedApi(this, listOf(transient()))
        val repository = ProfileRepository(api, backgroundScope)
        val job = repository.refresh()
        advanceTimeBy(200)
        assertTrue(repository.state.value.refreshing)
        job.cancel()
        advanceTimeBy(60_000)
        assertEquals(1, api.calls.size)
        assertEquals(CachedProfile(), repository.state.value)
        val again = repository.refresh()
        assertFalse(again === job)
        runCurrent()
        assertEquals(2, api.calls.size)
    }

    @Test
    fun cancellingTheScopeStopsTheRefresh() = runTest {
        val api = ScriptedApi(this, listOf(ADA), latency = 1_000)
        val scope = CoroutineScope(backgroundScope.coroutineContext + Job(backgroundScope.coroutineContext[Job]))
        val repository = ProfileRepository(api, scope)
        repository.refresh()
        advanceTimeBy(500)
        scope.cancel()
        advanceTimeBy(60_000)
        assertNull(repository.state.value.profile)
        assertFalse(repository.state.value.refreshing)
        assertNull(repository.state.value.lastError)
    }
}
