package kateval.tasks.tokenrefresh

import kotlinx.coroutines.CoroutineScope

/** Holds the access token and refreshes it at most once at a time; see instruction.md. */
class AuthSession(
    private val scope: CoroutineScope,
    initialToken: String?,
    private val refresher: suspend (attempt: Int) -> String,
) {
    val refreshCount: Int get() = TODO()

    suspend fun currentToken(): String = TODO()

    suspend fun tokenAfterRejection(rejected: String): String = TODO()
}
