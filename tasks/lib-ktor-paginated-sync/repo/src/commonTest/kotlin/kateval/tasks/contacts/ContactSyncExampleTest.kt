package kateval.tasks.contacts

import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class ContactSyncExampleTest {
    @Test
    fun followsTheNextCursorUntilThereIsNone() = runTest {
        val pages = mapOf(
            null to """{"items":[{"id":"c1","name":"Ada","email":"ada@example.com"}],"next":"p2"}""",
            "p2" to """{"items":[{"id":"c2","name":"Grace","email":"grace@example.com"}]}""",
        )
        val urls = mutableListOf<String>()
        val engine = MockEngine { request ->
            urls += "${request.url.encodedPath} limit=${request.url.parameters["limit"]} cursor=${request.url.parameters["cursor"]}"
            respond(pages.getValue(request.url.parameters["cursor"]), HttpStatusCode.OK,
                headersOf(HttpHeaders.ContentType, "application/json"))
        }
        val result = ContactSync(engine, "https://contacts.example/v2", deviceId = "phone-1", pageSize = 2).sync()

        assertEquals(
            SyncResult.Complete(
                listOf(Contact("c1", "Ada", "ada@example.com"), Contact("c2", "Grace", "grace@example.com")),
                pages = 2,
            ),
            result,
        )
        assertEquals(listOf("/v2/contacts limit=2 cursor=null", "/v2/contacts limit=2 cursor=p2"), urls)
    }
}
