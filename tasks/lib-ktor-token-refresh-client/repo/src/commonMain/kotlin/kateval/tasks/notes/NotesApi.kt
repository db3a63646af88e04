package kateval.tasks.notes

import io.ktor.client.HttpClient

/**
 * The notes server's API. [baseUrl] has no trailing slash, e.g. `https://notes.example/api`.
 * See instruction.md for the endpoints, the token refresh and the error mapping.
 */
class NotesApi(
    private val http: HttpClient,
    private val baseUrl: String,
    private val tokens: TokenStore,
) {
    /** `GET {baseUrl}/notes/{id}`. */
    suspend fun getNote(id: String): ApiResult<Note> {
        TODO("getNote")
    }

    /** `GET {baseUrl}/notes`, with `tag` and `limit` query parameters when they are not null. */
    suspend fun listNotes(tag: String? = null, limit: Int? = null): ApiResult<List<Note>> {
        TODO("listNotes")
    }

    /** `POST {baseUrl}/notes` with [draft] as a JSON body. */
    suspend fun createNote(draft: NoteDraft): ApiResult<Note> {
        TODO("createNote")
    }
}
