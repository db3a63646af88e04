package kateval.tasks.contacts

import kotlinx.serialization.Serializable

/** A contact as the server sends it. */
@Serializable
data class Contact(val id: String, val name: String, val email: String)

/** How a sync ended. `pages` counts the pages that were answered 2xx. */
sealed interface SyncResult {
    /** A page had no items or no next cursor: everything was fetched. */
    data class Complete(val contacts: List<Contact>, val pages: Int) : SyncResult

    /** `pageLimit` pages were fetched and the last one still had a next cursor, [resumeCursor]. */
    data class LimitReached(val contacts: List<Contact>, val pages: Int, val resumeCursor: String) : SyncResult

    /**
     * A page was answered with a 5xx [status]: [contacts] are those of the pages before it, and
     * [resumeCursor] is the cursor the failed request sent (null when the first page failed).
     */
    data class Partial(
        val contacts: List<Contact>,
        val pages: Int,
        val status: Int,
        val resumeCursor: String?,
    ) : SyncResult

    /** A page was answered with a status outside 200..299 and 500..599: nothing is kept. */
    data class Rejected(val status: Int) : SyncResult
}
