package kateval.tasks.articles

data class Article(val id: String, val title: String, val body: String)

/** An article as the cache keeps it, with when it was saved (the clock's milliseconds). */
data class CachedArticle(val article: Article, val savedAtMillis: Long)

interface ArticleCache {
    suspend fun get(id: String): CachedArticle?
    suspend fun put(entry: CachedArticle)
}

fun interface ArticleApi {
    suspend fun fetch(id: String): Article
}

/** What the article screen shows. */
sealed interface ArticleState {
    /** Nothing to show yet. */
    object Loading : ArticleState {
        override fun toString() = "Loading"
    }

    data class Shown(
        val article: Article,
        val stale: Boolean,
        val refreshing: Boolean,
        val error: String? = null,
    ) : ArticleState

    data class Failed(val error: String) : ArticleState
}
