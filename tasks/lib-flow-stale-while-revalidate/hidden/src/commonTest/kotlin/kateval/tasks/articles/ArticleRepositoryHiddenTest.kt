package kateval.tasks.articles

import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class MemoryCache(vararg entries: CachedArticle) : ArticleCache {
    val entries = entries.associateBy { it.article.id }.toMutableMap()
    val puts = mutableListOf<CachedArticle>()

    override suspend fun get(id: String): CachedArticle? = entries[id]

    override suspend fun put(entry: CachedArticle) {
        puts += entry
        entries[entry.article.id] = entry
    }
}

/** Answers version n of an article (title "<id> v<n>") after `latency` ms; the calls listed in
 * `failing` (numbered from 1) throw. */
class FakeApi(private val latency: Long = 500, private val failing: Set<Int> = emptySet(),
              private val message: String? = "HTTP 503") : ArticleApi {
    val calls = mutableListOf<String>()

    override suspend fun fetch(id: String): Article {
        calls += id
        val call = calls.size
        delay(latency)
        if (call in failing) throw IllegalStateException(message)
        return Article(id, "$id v$call", "body")
    }
}

private fun article(id: String, title: String = "$id cached") = Article(id, title, "body")

class ArticleRepositoryHiddenTest {
    private fun TestScope.repository(api: ArticleApi, cache: ArticleCache, maxAge: Long = 60_000) =
        ArticleRepository(api, cache, backgroundScope, { testScheduler.currentTime }, maxAge)

    @Test
    fun aFreshCopyIsShownWithoutAskingTheServer() = runTest {
        advanceTimeBy(100_000)
        val api = FakeApi()
        val cache = MemoryCache(CachedArticle(article("a1"), savedAtMillis = 40_001))
        assertEquals(listOf(ArticleState.Shown(article("a1"), stale = false, refreshing = false)),
            repository(api, cache).article("a1").toList())
        assertEquals(emptyList(), api.calls)
    }

    @Test
    fun exactlyMaxAgeIsStale() = runTest {
        advanceTimeBy(100_000)
        val api = FakeApi()
        val cache = MemoryCache(CachedArticle(article("a1"), savedAtMillis = 40_000))
        val states = repository(api, cache).article("a1").toList()
        assertEquals(ArticleState.Shown(article("a1"), stale = true, refreshing = true), states.first())
        assertEquals(listOf("a1"), api.calls)
    }

    @Test
    fun maxAgeIsTheConstructorArgument() = runTest {
        advanceTimeBy(10_000)
        val api = FakeApi()
        val cache = MemoryCache(CachedArticle(article("a1"), savedAtMillis = 5_000))
        repository(api, cache, maxAge = 5_001).article("a1").toList()
        assertEquals(emptyList(), api.calls)
        repository(api, cache, maxAge = 5_000).article("a1").toList()
        assertEquals(listOf("a1"), api.calls)
    }

    @Test
    fun aStaleCopyIsRevalidatedAndTheCacheGetsTheAnswerTime() = runTest {
        val cache = MemoryCache(CachedArticle(article("a1"), savedAtMillis = -60_000))
        val states = repository(FakeApi(latency = 700), cache).article("a1").toList()
        assertEquals(listOf(ArticleState.Shown(article("a1"), stale = true, refreshing = true),
            ArticleState.Shown(article("a1", "a1 v1"), stale = false, refreshing = false)), states)
        assertEquals(listOf(CachedArticle(article("a1", "a1 v1"), 700)), cache.puts)
    }

    @Test
    fun aFailedRevalidationKeepsTheStaleCopy() = runTest {
        val cache = MemoryCache(CachedArticle(article("a1"), savedAtMillis = -60_000))
        val states = repository(FakeApi(failing = setOf(1)), cache).article("a1").toList()
        assertEquals(listOf(ArticleState.Shown(article("a1"), stale = true, refreshing = true),
            ArticleState.Shown(article("a1"), stale = true, refreshing = false, error = "HTTP 503")), states)
        assertEquals(emptyList(), cache.puts)
    }

    @Test
    fun nothingCachedLoadsOrFails() = runTest {
        val api = FakeApi(failing = setOf(1), message = null)
        val repository = repository(api, MemoryCache())
        assertEquals(listOf(ArticleState.Loading, ArticleState.Failed("failed")), repository.article("a1").toList())
        assertEquals(listOf(ArticleState.Loading, ArticleState.Shown(article("a1", "a1 v2"), stale = false, refreshing = false)),
            repository.article("a1").toList())
        assertEquals(listOf(ArticleState.Shown(article("a1", "a1 v2"), stale = false, refreshing = false)),
            repository.article("a1").toList())
        assertEquals(2, api.calls.size)
    }

    @Test
    fun screensAskingAtOnceShareOneFetch() = runTest {
        val api = FakeApi(latency = 1_000)
        val repository = repository(api, MemoryCache())
        val first = async { repository.article("a1").toList() }
        advanceTimeBy(400)
        val second = async { repository.article("a1").toList() }
        val other = async { repository.article("b2").toList() }
        val expected = ArticleState.Shown(article("a1", "a1 v1"), stale = false, refreshing = false)
        assertEquals(listOf(ArticleState.Loading, expected), first.await())
        assertEquals(listOf(ArticleState.Loading, expected), second.await())
        assertEquals(listOf("a1", "b2"), api.calls)
        assertEquals(ArticleState.Shown(article("b2", "b2 v2"), stale = false, refreshing = false), other.await().last())
        assertEquals(1_400L, testScheduler.currentTime)
    }

    @Test
    fun aSharedFailureReachesEveryWaitingScreenAndTheNextOneFetchesAgain() = runTest {
        val api = FakeApi(failing = setOf(1))
        val repository = repository(api, MemoryCache())
        val first = async { repository.article("a1").toList() }
        runCurrent()
        val second = async { repository.article("a1").toList() }
        assertEquals(ArticleState.Failed("HTTP 503"), first.await().last())
        assertEquals(ArticleState.Failed("HTTP 503"), second.await().last())
        assertEquals(1, api.calls.size)
        assertEquals(ArticleState.Shown(article("a1", "a1 v2"), stale = false, refreshing = false),
            repository.article("a1").toList().last())
    }

    @Test
    fun aFetchOutlivesTheScreenThatStartedIt() = runTest {
        val api = FakeApi(latency = 1_000)
        val cache = MemoryCache()
        val repository = repository(api, cache)
        val screen = launch { repository.article("a1").collect {} }
        advanceTimeBy(300)
        screen.cancel()
        advanceTimeBy(2_000)
        runCurrent()
        assertEquals(listOf(CachedArticle(article("a1", "a1 v1"), 1_000)), cache.puts)
        assertEquals(listOf(ArticleState.Shown(article("a1", "a1 v1"), stale = false, refreshing = false)),
            repository.article("a1").toList())
        assertEquals(1, api.calls.size)
    }

    @Test
    fun aLaterStaleCopyIsFetchedAgain() = runTest {
        val api = FakeApi(latency = 100)
        val cache = MemoryCache()
        val repository = repository(api, cache, maxAge = 1_000)
        repository.article("a1").toList()
        advanceTimeBy(5_000)
        val states = repository.article("a1").toList()
        assertEquals(ArticleState.Shown(article("a1", "a1 v2"), stale = false, refreshing = false), states.last())
        assertEquals(listOf(100L, 5_200L), cache.puts.map { it.savedAtMillis })
    }
}
