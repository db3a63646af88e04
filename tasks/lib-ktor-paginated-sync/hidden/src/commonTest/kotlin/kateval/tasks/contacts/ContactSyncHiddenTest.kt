package kateval.tasks.contacts

import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

private const val BASE = "https://contacts.example/v2"

/** One request as the server saw it. */
private data class Sent(val path: String, val query: Map<String, List<String>>, val device: String?)

/** A page answer: a status and a body. */
private class Reply(val status: Int, val body: String = "")

private fun contact(n: Int, name: String = "Person $n") = Contact("c$n", name, "p$n@example.com")

private fun item(c: Contact) = """{"id":"${c.id}","name":"${c.name}","email":"${c.email}"}"""

/** A 200 page with [items] and, when given, the raw JSON of its `next` field. */
private fun page(vararg items: Contact, next: String? = null): Reply {
    val nextField = if (next == null) "" else ""","next":$next"""
    return Reply(200, """{"items":[${items.joinToString(",") { item(it) }}]$nextField}""")
}

/**
 * A contacts server that answers by the `cursor` query parameter (null for a request without
 * one) and records every request. A cursor it has no answer for fails the test.
 */
private class Server(private val replies: Map<String?, Reply>) {
    val sent = mutableListOf<Sent>()
    val engine = MockEngine { request ->
        sent += Sent(
            request.url.encodedPath,
            request.url.parameters.entries().associate { it.key to it.value },
            request.headers["X-Device-Id"],
        )
        val cursor = request.url.parameters["cursor"]
        val reply = replies[cursor] ?: error("no page for cursor $cursor")
        respond(reply.body, HttpStatusCode.fromValue(reply.status),
            headersOf(HttpHeaders.ContentType, "application/json"))
    }
    val cursors get() = sent.map { it.query["cursor"]?.single() }

    fun sync(pageSize: Int = 50, pageLimit: Int = 20) = ContactSync(engine, BASE, "tablet-7", pageSize, pageLimit)
}

class ContactSyncHiddenTest {
    @Test
    fun everyPageSendsTheDeviceHeaderThePageSizeAndTheCursor() = runTest {
        val server = Server(mapOf(
            null to page(contact(1), contact(2), next = "\"p2\""),
            "p2" to page(contact(3), contact(4), next = "\"p3\""),
            "p3" to page(contact(5)),
        ))
        val result = server.sync(pageSize = 2).sync()

        assertEquals(SyncResult.Complete((1..5).map { contact(it) }, pages = 3), result)
        assertEquals(
            listOf(
                Sent("/v2/contacts", mapOf("limit" to listOf("2")), "tablet-7"),
                Sent("/v2/contacts", mapOf("limit" to listOf("2"), "cursor" to listOf("p2")), "tablet-7"),
                Sent("/v2/contacts", mapOf("limit" to listOf("2"), "cursor" to listOf("p3")), "tablet-7"),
            ),
            server.sent,
        )
    }

    @Test
    fun sinceGoesOnlyOnTheFirstPage() = runTest {
        val server = Server(mapOf(
            null to page(contact(1), next = "\"p2\""),
            "p2" to page(contact(2)),
        ))
        server.sync().sync(since = "2026-03-01T10:00:00+01:00")
        assertEquals(
            listOf(
                mapOf("limit" to listOf("50"), "since" to listOf("2026-03-01T10:00:00+01:00")),
                mapOf("limit" to listOf("50"), "cursor" to listOf("p2")),
            ),
            server.sent.map { it.query },
        )
    }

    @Test
    fun cursorsReachTheServerExactlyAsSent() = runTest {
        // Cursors look like base64 and may hold characters that mean something in a URL.
        val odd = "eyJvIjoyfQ==+/&a=b ✓"
        val server = Server(mapOf(
            null to page(contact(1), next = "\"$odd\""),
            odd to page(contact(2)),
        ))
        assertEquals(SyncResult.Complete(listOf(contact(1), contact(2)), pages = 2), server.sync().sync())
        assertEquals(listOf(null, odd), server.cursors)
        assertEquals(setOf("limit", "cursor"), server.sent[1].query.keys)
    }

    @Test
    fun aMissingNullOrEmptyNextEndsTheSync() = runTest {
        for (next in listOf(null, "null", "\"\"")) {
            val server = Server(mapOf(null to page(contact(1), contact(2), next = next)))
            assertEquals(SyncResult.Complete(listOf(contact(1), contact(2)), pages = 1), server.sync().sync(), "next $next")
            assertEquals(1, server.sent.size, "next $next")
        }
    }

    @Test
    fun unknownFieldsAreIgnored() = runTest {
        val server = Server(mapOf(null to Reply(200,
            """{"total":1,"items":[{"id":"c1","avatar":null,"name":"Zoë Ågren","email":"zoe@example.com","tags":[]}],"next":null}""")))
        assertEquals(SyncResult.Complete(listOf(Contact("c1", "Zoë Ågren", "zoe@example.com")), 1), server.sync().sync())
    }

    @Test
    fun anEmptyPageEndsTheSyncEvenWithANextCursor() = runTest {
        val server = Server(mapOf(
            null to page(contact(1), next = "\"p2\""),
            "p2" to page(next = "\"p3\""),
            "p3" to page(contact(3)),
        ))
        assertEquals(SyncResult.Complete(listOf(contact(1)), pages = 2), server.sync().sync())
        assertEquals(listOf(null, "p2"), server.cursors)

        // An empty first page: nothing changed.
        val empty = Server(mapOf(null to page(next = "\"p2\"")))
        assertEquals(SyncResult.Complete(emptyList(), pages = 1), empty.sync().sync())
        assertEquals(1, empty.sent.size)
    }

    @Test
    fun thePageLimitStopsWithTheCursorToResumeFrom() = runTest {
        val server = Server(mapOf(
            null to page(contact(1), next = "\"p2\""),
            "p2" to page(contact(2), next = "\"p3\""),
            "p3" to page(contact(3), next = "\"p4\""),
            "p4" to page(contact(4)),
        ))
        assertEquals(SyncResult.LimitReached(listOf(contact(1), contact(2)), pages = 2, resumeCursor = "p3"),
            server.sync(pageLimit = 2).sync())
        assertEquals(listOf(null, "p2"), server.cursors)

        val one = Server(mapOf(null to page(contact(1), next = "\"p2\"")))
        assertEquals(SyncResult.LimitReached(listOf(contact(1)), pages = 1, resumeCursor = "p2"),
            one.sync(pageLimit = 1).sync())
        assertEquals(1, one.sent.size)
    }

    @Test
    fun aLastPageAtTheLimitWithoutMoreIsComplete() = runTest {
        // The limit only matters when there is a next page to fetch.
        val noNext = Server(mapOf(null to page(contact(1), next = "\"p2\""), "p2" to page(contact(2))))
        assertEquals(SyncResult.Complete(listOf(contact(1), contact(2)), pages = 2), noNext.sync(pageLimit = 2).sync())

        val empty = Server(mapOf(null to page(contact(1), next = "\"p2\""), "p2" to page(next = "\"p3\"")))
        assertEquals(SyncResult.Complete(listOf(contact(1)), pages = 2), empty.sync(pageLimit = 2).sync())
        assertEquals(2, empty.sent.size)
    }

    @Test
    fun aServerErrorOnALaterPageKeepsWhatWasFetched() = runTest {
        for (status in listOf(500, 503, 599)) {
            val server = Server(mapOf(
                null to page(contact(1), contact(2), next = "\"p2\""),
                "p2" to page(contact(3), next = "\"p3\""),
                "p3" to Reply(status, """{"error":"try later"}"""),
            ))
            assertEquals(
                SyncResult.Partial(listOf(contact(1), contact(2), contact(3)), pages = 2, status = status, resumeCursor = "p3"),
                server.sync().sync(since = "2026-03-01"),
                "status $status",
            )
            assertEquals(listOf(null, "p2", "p3"), server.cursors, "status $status")
        }
    }

    @Test
    fun aServerErrorOnTheFirstPageKeepsNothing() = runTest {
        val server = Server(mapOf(null to Reply(502)))
        assertEquals(SyncResult.Partial(emptyList(), pages = 0, status = 502, resumeCursor = null), server.sync().sync())
        assertEquals(1, server.sent.size)
    }

    @Test
    fun otherErrorStatusesRejectTheSync() = runTest {
        for (status in listOf(400, 404, 410, 499, 600)) {
            val server = Server(mapOf(
                null to page(contact(1), next = "\"p2\""),
                "p2" to Reply(status),
            ))
            assertEquals(SyncResult.Rejected(status), server.sync().sync(), "status $status")
            assertEquals(2, server.sent.size, "status $status")
        }
    }

    @Test
    fun aContactSeenAgainReplacesTheEarlierOneInItsPlace() = runTest {
        val server = Server(mapOf(
            null to page(contact(1), contact(2), contact(3), next = "\"p2\""),
            "p2" to page(contact(4), contact(2, "Renamed"), contact(2, "Renamed twice"), contact(1, "Also renamed")),
        ))
        assertEquals(
            SyncResult.Complete(
                listOf(contact(1, "Also renamed"), contact(2, "Renamed twice"), contact(3), contact(4)),
                pages = 2,
            ),
            server.sync().sync(),
        )
    }

    @Test
    fun resumeStartsAtTheCursorAndCountsItsOwnPages() = runTest {
        val server = Server(mapOf(
            "p3" to page(contact(3), next = "\"p4\""),
            "p4" to page(contact(4), next = "\"p5\""),
            "p5" to Reply(500),
        ))
        val sync = server.sync(pageSize = 10, pageLimit = 2)
        assertEquals(SyncResult.LimitReached(listOf(contact(3), contact(4)), pages = 2, resumeCursor = "p5"), sync.resume("p3"))
        assertEquals(SyncResult.Partial(emptyList(), pages = 0, status = 500, resumeCursor = "p5"), sync.resume("p5"))
        assertEquals(
            listOf(
                mapOf("limit" to listOf("10"), "cursor" to listOf("p3")),
                mapOf("limit" to listOf("10"), "cursor" to listOf("p4")),
                mapOf("limit" to listOf("10"), "cursor" to listOf("p5")),
            ),
            server.sent.map { it.query },
        )
    }

    @Test
    fun pageSizeAndPageLimitMustBeAtLeastOne() {
        val engine = MockEngine { error("no request expected") }
        assertFailsWith<IllegalArgumentException> { ContactSync(engine, BASE, "d", pageSize = 0) }
        assertFailsWith<IllegalArgumentException> { ContactSync(engine, BASE, "d", pageLimit = 0) }
        assertFailsWith<IllegalArgumentException> { ContactSync(engine, BASE, "d", pageSize = -5, pageLimit = -1) }
        ContactSync(engine, BASE, "d", pageSize = 1, pageLimit = 1)
    }
}
