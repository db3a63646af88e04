package kateval.tasks.articles

import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class ArticleRepositoryExamplesTest {
    @Test
    fun aStaleCopyIsShownThenReplaced() = runTest {
        val old = Article("a1", "Old title", "...")
        val new = Article("a1", "New title", "...")
        val cache = object : ArticleCache {
            var entry: CachedArticle? = CachedArticle(old, savedAtMillis = -120_000)
            override suspend fun get(id: String) = entry
            override suspend fun put(entry: CachedArticle) { this.entry = entry }
        }
        val repository = ArticleRepository({ new }, cache, backgroundScope, { testScheduler.currentTime })
        assertEquals(listOf(ArticleState.Shown(old, stale = true, refreshing = true),
            ArticleState.Shown(new, stale = false, refreshing = false)), repository.article("a1").toList())
        assertEquals(CachedArticle(new, 0), cache.entry)
    }
}
