package kateval.tasks.hedge

enum class Replica { PRIMARY, BACKUP }

/** The answer, and which replica gave it. */
data class Hedged<T>(val value: T, val from: Replica)

/**
 * Asks [primary]; when it has not answered after [hedgeAfterMillis], asks [backup] too.
 * See instruction.md for the rules.
 */
suspend fun <T> hedgedCall(
    hedgeAfterMillis: Long,
    primary: suspend () -> T,
    backup: suspend () -> T,
): Hedged<T> = TODO()
