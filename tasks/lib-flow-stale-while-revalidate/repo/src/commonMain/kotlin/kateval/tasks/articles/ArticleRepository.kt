package kateval.tasks.articles

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.Flow

/** Articles from the cache, revalidated from the API. See instruction.md for the rules. */
class ArticleRepository(
    private val api: ArticleApi,
    private val cache: ArticleCache,
    private val scope: CoroutineScope,
    private val clock: () -> Long,
    private val maxAgeMillis: Long = 60_000,
) {
    fun article(id: String): Flow<ArticleState> = TODO()
}
