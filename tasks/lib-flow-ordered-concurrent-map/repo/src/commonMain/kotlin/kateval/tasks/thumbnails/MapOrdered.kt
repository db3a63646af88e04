package kateval.tasks.thumbnails

import kotlinx.coroutines.flow.Flow

/**
 * Runs [transform] on up to [concurrency] items at once and emits the results in the order of
 * the items. See instruction.md for the rules.
 */
fun <T, R> Flow<T>.mapOrdered(concurrency: Int, transform: suspend (T) -> R): Flow<R> = TODO()
