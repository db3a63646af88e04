package kateval.tasks.batching

import kotlinx.coroutines.flow.Flow

/** Groups items into lists of at most [maxSize], flushed [maxWaitMillis] after a batch opens. */
fun <T> Flow<T>.batched(maxSize: Int, maxWaitMillis: Long): Flow<List<T>> {
    TODO()
}
