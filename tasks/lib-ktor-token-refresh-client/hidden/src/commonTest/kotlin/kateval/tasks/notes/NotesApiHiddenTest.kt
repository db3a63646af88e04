package kateval.tasks.notes

import io.ktor.client.HttpClient
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.client.engine.mock.toByteArray
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import kotlinx.coroutines.test.runTest
import kotlinx.serialization.json.Json
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

private const val BASE = "https://notes.example/api"

/** One request as the server saw it. */
private data class Sent(
    val method: String,
    val path: String,
    val query: Map<String, List<String>>,
    val auth: String?,
    val json: Boolean,
    val body: String,
) {
    /** "GET /api/notes/n7 Bearer a1": what most tests compare. */
    val line get() = "$method $path ${auth ?: "-"}"
}

/** An answer the fake server gives. */
private class Reply(val status: Int, val body: String = "")

/**
 * A notes server that answers each "METHOD path" with the next of its scripted replies and
 * records every request. A request it has no reply for fails the test.
 */
private class Server(vararg routes: Pair<String, List<Reply>>) {
    private val queues = routes.associate { (route, replies) -> route to ArrayDeque(replies) }
    val sent = mutableListOf<Sent>()
    val engine = MockEngine { request ->
        val contentType = request.body.contentType
            ?: request.headers[HttpHeaders.ContentType]?.let { ContentType.parse(it) }
        sent += Sent(
            request.method.value,
            request.url.encodedPath,
            request.url.parameters.entries().associate { it.key to it.value },
            request.headers[HttpHeaders.Authorization],
            contentType?.match(ContentType.Application.Json) == true,
            request.body.toByteArray().decodeToString(),
        )
        val route = "${request.method.value} ${request.url.encodedPath}"
        val reply = queues[route]?.removeFirstOrNull() ?: error("unexpected request: $route")
        respond(reply.body, HttpStatusCode.fromValue(reply.status),
            headersOf(HttpHeaders.ContentType, "application/json"))
    }
    val lines get() = sent.map { it.line }

    fun api(store: TokenStore) = NotesApi(HttpClient(engine), BASE, store)
}

private fun json(text: String) = Json.parseToJsonElement(text)

private const val N7 = """{"id":"n7","title":"Groceries","tags":[]}"""
private const val NEW_TOKENS = """{"accessToken":"a2","refreshToken":"r2","expiresIn":3600}"""

class NotesApiHiddenTest {
    @Test
    fun unknownFieldsAreIgnoredAndTextIsUtf8() = runTest {
        val server = Server("GET /api/notes/n1" to listOf(Reply(200,
            """{"id":"n1","updatedAt":"2026-03-01","title":"Čaj ☕ 日本","tags":["ü","x"],"pinned":true}""")))
        val result = server.api(InMemoryTokenStore(Tokens("a1", "r1"))).getNote("n1")
        assertEquals(ApiResult.Success(Note("n1", "Čaj ☕ 日本", listOf("ü", "x"))), result)
        assertEquals(listOf("GET /api/notes/n1 Bearer a1"), server.lines)
    }

    @Test
    fun nobodySignedInSendsNothing() = runTest {
        val server = Server()
        val api = server.api(InMemoryTokenStore(null))
        assertEquals(ApiResult.Failure(ApiError.NotSignedIn), api.getNote("n1"))
        assertEquals(ApiResult.Failure(ApiError.NotSignedIn), api.listNotes())
        assertEquals(ApiResult.Failure(ApiError.NotSignedIn), api.createNote(NoteDraft("x", emptyList())))
        assertEquals(emptyList(), server.sent)
    }

    @Test
    fun a401RefreshesOnceAndRetriesWithTheNewToken() = runTest {
        val server = Server(
            "GET /api/notes/n7" to listOf(Reply(401), Reply(200, N7)),
            "POST /api/auth/refresh" to listOf(Reply(200, NEW_TOKENS)),
        )
        val store = InMemoryTokenStore(Tokens("a1", "r1"))
        val result = server.api(store).getNote("n7")

        assertEquals(ApiResult.Success(Note("n7", "Groceries", emptyList())), result)
        assertEquals(
            listOf("GET /api/notes/n7 Bearer a1", "POST /api/auth/refresh -", "GET /api/notes/n7 Bearer a2"),
            server.lines,
        )
        // The refresh posts the refresh token as JSON, and the new pair is kept.
        val refresh = server.sent[1]
        assertTrue(refresh.json, "the refresh body is sent as application/json")
        assertEquals(json("""{"refreshToken":"r1"}"""), json(refresh.body))
        assertEquals(Tokens("a2", "r2"), store.current())
    }

    @Test
    fun laterCallsUseTheRefreshedTokenWithoutRefreshingAgain() = runTest {
        val server = Server(
            "GET /api/notes/n7" to listOf(Reply(401), Reply(200, N7), Reply(200, N7)),
            "GET /api/notes" to listOf(Reply(200, "[]")),
            "POST /api/auth/refresh" to listOf(Reply(200, NEW_TOKENS)),
        )
        val api = server.api(InMemoryTokenStore(Tokens("a1", "r1")))
        api.getNote("n7")
        assertEquals(ApiResult.Success(Note("n7", "Groceries", emptyList())), api.getNote("n7"))
        assertEquals(ApiResult.Success(emptyList()), api.listNotes())
        assertEquals(listOf("GET /api/notes/n7 Bearer a2", "GET /api/notes Bearer a2"), server.lines.drop(3))
    }

    @Test
    fun a401AfterTheRefreshExpiresTheSessionAndClearsTheStore() = runTest {
        val server = Server(
            "GET /api/notes/n7" to listOf(Reply(401), Reply(401)),
            "POST /api/auth/refresh" to listOf(Reply(200, NEW_TOKENS)),
        )
        val store = InMemoryTokenStore(Tokens("a1", "r1"))
        val api = server.api(store)
        assertEquals(ApiResult.Failure(ApiError.SessionExpired), api.getNote("n7"))
        // Exactly one refresh: the second 401 is not refreshed again.
        assertEquals(
            listOf("GET /api/notes/n7 Bearer a1", "POST /api/auth/refresh -", "GET /api/notes/n7 Bearer a2"),
            server.lines,
        )
        assertNull(store.current())
        // Signed out now: the next call sends nothing.
        assertEquals(ApiResult.Failure(ApiError.NotSignedIn), api.getNote("n7"))
        assertEquals(3, server.sent.size)
    }

    @Test
    fun aRefreshAnswered4xxExpiresTheSessionWithoutRetrying() = runTest {
        for (status in listOf(400, 401, 499)) {
            val server = Server(
                "GET /api/notes/n7" to listOf(Reply(401)),
                "POST /api/auth/refresh" to listOf(Reply(status, """{"error":"invalid_grant"}""")),
            )
            val store = InMemoryTokenStore(Tokens("a1", "r1"))
            assertEquals(ApiResult.Failure(ApiError.SessionExpired), server.api(store).getNote("n7"), "refresh $status")
            assertEquals(listOf("GET /api/notes/n7 Bearer a1", "POST /api/auth/refresh -"), server.lines, "refresh $status")
            assertNull(store.current(), "refresh $status")
        }
    }

    @Test
    fun aRefreshAnswered5xxKeepsTheTokensWithoutRetrying() = runTest {
        for (status in listOf(500, 503, 599)) {
            val server = Server(
                "GET /api/notes/n7" to listOf(Reply(401)),
                "POST /api/auth/refresh" to listOf(Reply(status)),
            )
            val store = InMemoryTokenStore(Tokens("a1", "r1"))
            assertEquals(ApiResult.Failure(ApiError.Server(status)), server.api(store).getNote("n7"), "refresh $status")
            assertEquals(2, server.sent.size, "refresh $status")
            assertEquals(Tokens("a1", "r1"), store.current(), "refresh $status")
        }
    }

    @Test
    fun aMalformedRefreshAnswerKeepsTheTokensWithoutRetrying() = runTest {
        for (body in listOf("""{"accessToken":"a2"}""", "<html>oops</html>", "")) {
            val server = Server(
                "GET /api/notes/n7" to listOf(Reply(401)),
                "POST /api/auth/refresh" to listOf(Reply(200, body)),
            )
            val store = InMemoryTokenStore(Tokens("a1", "r1"))
            assertEquals(ApiResult.Failure(ApiError.MalformedBody), server.api(store).getNote("n7"), "refresh body $body")
            assertEquals(2, server.sent.size, "refresh body $body")
            assertEquals(Tokens("a1", "r1"), store.current(), "refresh body $body")
        }
    }

    @Test
    fun theRetriedAnswerIsMappedLikeAnyOther() = runTest {
        val server = Server(
            "GET /api/notes/gone" to listOf(Reply(401), Reply(404)),
            "GET /api/notes/bad" to listOf(Reply(401), Reply(200, "{}")),
            "POST /api/auth/refresh" to listOf(Reply(200, NEW_TOKENS),
                Reply(200, """{"accessToken":"a3","refreshToken":"r3"}""")),
        )
        val store = InMemoryTokenStore(Tokens("a1", "r1"))
        val api = server.api(store)
        assertEquals(ApiResult.Failure(ApiError.NotFound), api.getNote("gone"))
        assertEquals(Tokens("a2", "r2"), store.current())
        assertEquals(ApiResult.Failure(ApiError.MalformedBody), api.getNote("bad"))
        assertEquals(Tokens("a3", "r3"), store.current())
        // The second refresh used the refresh token the first one saved.
        assertEquals(json("""{"refreshToken":"r2"}"""), json(server.sent[4].body))
    }

    @Test
    fun errorStatusesMapToTypedErrorsWithoutARefresh() = runTest {
        val expected = mapOf(
            404 to ApiError.NotFound,
            500 to ApiError.Server(500),
            502 to ApiError.Server(502),
            599 to ApiError.Server(599),
            400 to ApiError.Unexpected(400),
            403 to ApiError.Unexpected(403),
            409 to ApiError.Unexpected(409),
            499 to ApiError.Unexpected(499),
            600 to ApiError.Unexpected(600),
        )
        for ((status, error) in expected) {
            val server = Server("GET /api/notes/n7" to listOf(Reply(status, N7)))
            val store = InMemoryTokenStore(Tokens("a1", "r1"))
            assertEquals(ApiResult.Failure(error), server.api(store).getNote("n7"), "status $status")
            assertEquals(1, server.sent.size, "status $status: one request, no refresh")
            assertEquals(Tokens("a1", "r1"), store.current(), "status $status")
        }
    }

    @Test
    fun malformedSuccessBodiesAreReported() = runTest {
        val bodies = listOf(
            "not json",
            """{"id":"n7","tags":[]}""",               // no title
            """{"id":"n7","title":"x","tags":"a"}""",  // tags is not an array
            """[$N7]""",                                // an array, not a note
            "",
        )
        for (body in bodies) {
            val server = Server("GET /api/notes/n7" to listOf(Reply(200, body)))
            val result = server.api(InMemoryTokenStore(Tokens("a1", "r1"))).getNote("n7")
            assertEquals(ApiResult.Failure(ApiError.MalformedBody), result, "body $body")
        }
        val server = Server("GET /api/notes" to listOf(Reply(200, """[$N7, {"id":"n8"}]""")))
        assertEquals(ApiResult.Failure(ApiError.MalformedBody),
            server.api(InMemoryTokenStore(Tokens("a1", "r1"))).listNotes())
    }

    @Test
    fun listNotesSendsOnlyTheQueryParametersGiven() = runTest {
        val server = Server("GET /api/notes" to listOf(
            Reply(200, """[$N7, {"id":"n8","title":"Ideas","tags":["work","to do"]}]"""),
            Reply(200, "[]"),
            Reply(201, "[]"),
        ))
        val api = server.api(InMemoryTokenStore(Tokens("a1", "r1")))
        assertEquals(
            ApiResult.Success(listOf(Note("n7", "Groceries", emptyList()), Note("n8", "Ideas", listOf("work", "to do")))),
            api.listNotes(tag = "to do & ✓", limit = 20),
        )
        assertEquals(ApiResult.Success(emptyList()), api.listNotes())
        assertEquals(ApiResult.Success(emptyList()), api.listNotes(limit = 0))
        assertEquals(
            listOf(mapOf("tag" to listOf("to do & ✓"), "limit" to listOf("20")), emptyMap(), mapOf("limit" to listOf("0"))),
            server.sent.map { it.query },
        )
        assertEquals(List(3) { "GET /api/notes Bearer a1" }, server.lines)
    }

    @Test
    fun createNotePostsTheDraftAsJson() = runTest {
        val server = Server("POST /api/notes" to listOf(Reply(201, """{"id":"n9","title":"Plan \"B\"","tags":["ü"]}""")))
        val result = server.api(InMemoryTokenStore(Tokens("a1", "r1"))).createNote(NoteDraft("Plan \"B\"", listOf("ü")))
        assertEquals(ApiResult.Success(Note("n9", "Plan \"B\"", listOf("ü"))), result)
        assertEquals(listOf("POST /api/notes Bearer a1"), server.lines)
        assertTrue(server.sent[0].json, "the draft is sent as application/json")
        assertEquals(json("""{"title":"Plan \"B\"","tags":["ü"]}"""), json(server.sent[0].body))
    }

    @Test
    fun aRetriedPostSendsTheSameQueryAndBodyAgain() = runTest {
        val server = Server(
            "POST /api/notes" to listOf(Reply(401), Reply(201, """{"id":"n9","title":"Trip","tags":[]}""")),
            "POST /api/auth/refresh" to listOf(Reply(200, NEW_TOKENS)),
        )
        val result = server.api(InMemoryTokenStore(Tokens("a1", "r1"))).createNote(NoteDraft("Trip", emptyList()))
        assertEquals(ApiResult.Success(Note("n9", "Trip", emptyList())), result)
        val (first, _, retry) = server.sent
        assertEquals("POST /api/notes Bearer a2", retry.line)
        assertTrue(retry.json, "the retried body is still application/json")
        assertEquals(json("""{"title":"Trip","tags":[]}"""), json(retry.body))
        assertEquals(first.body, retry.body)
    }
}
