package kateval.tasks.throttle

import kotlinx.coroutines.flow.Flow

/**
 * Passes at most one value per [periodMillis], always the most recent one, and never loses
 * the last value. See instruction.md for the rules.
 */
fun <T> Flow<T>.throttleLatest(periodMillis: Long): Flow<T> = TODO()
