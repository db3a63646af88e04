package kateval.tasks.tokenrefresh

sealed class ApiResponse<out T> {
    data class Ok<T>(val value: T) : ApiResponse<T>()
    data object Unauthorized : ApiResponse<Nothing>()
}

class SessionExpiredException : RuntimeException("session expired")

/** Calls the API with the session's token, refreshing once on 401; see instruction.md. */
class ApiClient(private val session: AuthSession) {
    suspend fun <T> call(request: suspend (token: String) -> ApiResponse<T>): T {
        TODO()
    }
}
