package kateval.tasks.paging

import kotlinx.coroutines.flow.Flow

/**
 * Streams all items of a cursor-paginated source, fetching pages lazily with [fetch].
 * See the task instruction for retries, cancellation and cycle detection.
 */
fun <T> paginate(maxAttempts: Int = 3, fetch: suspend (cursor: String?) -> Page<T>): Flow<T> {
    TODO("paginate")
}

/** Groups consecutive items into lists of [size]; the last list may be shorter. */
fun <T> Flow<T>.batched(size: Int): Flow<List<T>> {
    TODO("batched")
}

/** Emits only the first item for each distinct [key] seen during one collection. */
fun <T, K> Flow<T>.distinctByKey(key: (T) -> K): Flow<T> {
    TODO("distinctByKey")
}
