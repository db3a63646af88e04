package kateval.tasks.api

/** What a call to the API gave, as the app's code sees it. */
sealed interface ApiResult<out T> {
    data class Success<T>(val value: T, val nextPage: String? = null) : ApiResult<T>

    data class Failure(
        val code: ErrorCode,
        val message: String,
        /** Whether trying again later may work; `retryAfterSeconds` says when, if the server said. */
        val retryable: Boolean,
        val retryAfterSeconds: Int? = null,
    ) : ApiResult<Nothing>
}

enum class ErrorCode { NOT_FOUND, UNAUTHORIZED, RATE_LIMITED, UNAVAILABLE, INVALID, UNKNOWN, MALFORMED }
