package kateval.tasks.cursortoken

enum class Direction { AFTER, BEFORE }

/** A position in a feed: items created after/before [createdAt], tie-broken by [id]. */
data class Cursor(val direction: Direction, val createdAt: Long, val id: String)

/** The opaque token for [cursor]; see instruction.md. */
fun encodeCursor(cursor: Cursor): String {
    TODO()
}

/** The cursor in [token], or null if the token is malformed. Never throws. */
fun decodeCursor(token: String): Cursor? {
    TODO()
}
