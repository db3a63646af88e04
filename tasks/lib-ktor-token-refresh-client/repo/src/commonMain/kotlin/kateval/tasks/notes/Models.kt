package kateval.tasks.notes

import kotlinx.serialization.Serializable

/** A note as the server returns it. */
@Serializable
data class Note(val id: String, val title: String, val tags: List<String>)

/** What the app sends to create a note. */
@Serializable
data class NoteDraft(val title: String, val tags: List<String>)

/** The signed-in user's tokens; the refresh endpoint answers a new pair. */
@Serializable
data class Tokens(val accessToken: String, val refreshToken: String)

/** The outcome of one API call. */
sealed interface ApiResult<out T> {
    data class Success<T>(val value: T) : ApiResult<T>
    data class Failure(val error: ApiError) : ApiResult<Nothing>
}

/** Why an API call failed. */
sealed interface ApiError {
    /** The token store was empty: nothing was sent. */
    data object NotSignedIn : ApiError

    /** The session is gone: the refresh was refused, or the server still answered 401 after it. */
    data object SessionExpired : ApiError

    /** The server answered 404. */
    data object NotFound : ApiError

    /** The server answered a 5xx status (500..599). */
    data class Server(val status: Int) : ApiError

    /** The server answered any other status outside 200..299. */
    data class Unexpected(val status: Int) : ApiError

    /** A 2xx answer whose body is not the JSON the call expects. */
    data object MalformedBody : ApiError
}
