package kateval.tasks.pagingstate

sealed interface LoadState {
    data object NotLoading : LoadState
    data object Loading : LoadState
    data class Error(val message: String) : LoadState
}

data class PagingState<T>(
    val items: List<T> = emptyList(),
    val refresh: LoadState = LoadState.NotLoading,
    val append: LoadState = LoadState.NotLoading,
    val nextKey: String? = null,
    val endReached: Boolean = false,
    val generation: Int = 0,
)

sealed interface PagingEvent<out T> {
    data object Refresh : PagingEvent<Nothing>
    data object LoadMore : PagingEvent<Nothing>
    data object Retry : PagingEvent<Nothing>
    data class PageLoaded<T>(val generation: Int, val key: String?, val items: List<T>, val nextKey: String?) : PagingEvent<T>
    data class PageFailed(val generation: Int, val key: String?, val message: String) : PagingEvent<Nothing>
}

sealed interface PagingEffect {
    data class Fetch(val generation: Int, val key: String?) : PagingEffect
}

data class PagingResult<T>(val state: PagingState<T>, val effects: List<PagingEffect> = emptyList())
