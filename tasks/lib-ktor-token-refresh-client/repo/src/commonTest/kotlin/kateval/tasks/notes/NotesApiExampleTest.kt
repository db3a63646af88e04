package kateval.tasks.notes

import io.ktor.client.HttpClient
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class NotesApiExampleTest {
    @Test
    fun getNoteSendsTheAccessTokenAndDecodesTheNote() = runTest {
        val seen = mutableListOf<String>()
        val engine = MockEngine { request ->
            seen += "${request.method.value} ${request.url} ${request.headers[HttpHeaders.Authorization]}"
            respond("""{"id":"n7","title":"Groceries","tags":["home"]}""", HttpStatusCode.OK,
                headersOf(HttpHeaders.ContentType, "application/json"))
        }
        val api = NotesApi(HttpClient(engine), "https://notes.example/api", InMemoryTokenStore(Tokens("a1", "r1")))

        assertEquals(ApiResult.Success(Note("n7", "Groceries", listOf("home"))), api.getNote("n7"))
        assertEquals(listOf("GET https://notes.example/api/notes/n7 Bearer a1"), seen)
    }
}
