package kateval.tasks.contacts

import io.ktor.client.engine.HttpClientEngine

/**
 * Downloads the contacts changed on the server, page by page, from `GET {baseUrl}/contacts`
 * ([baseUrl] has no trailing slash). Every request carries the header `X-Device-Id: [deviceId]`
 * and asks for [pageSize] contacts; at most [pageLimit] pages are fetched per sync. See
 * instruction.md for the page format, the cursors and when a sync stops.
 *
 * @throws IllegalArgumentException when [pageSize] or [pageLimit] is less than 1.
 */
class ContactSync(
    private val engine: HttpClientEngine,
    private val baseUrl: String,
    private val deviceId: String,
    private val pageSize: Int = 50,
    private val pageLimit: Int = 20,
) {
    /** Syncs the contacts changed since [since] (an opaque server timestamp), or all of them when null. */
    suspend fun sync(since: String? = null): SyncResult {
        TODO("sync")
    }

    /** Goes on with a sync that stopped: the first request sends [cursor] (a `resumeCursor`). */
    suspend fun resume(cursor: String): SyncResult {
        TODO("resume")
    }
}
