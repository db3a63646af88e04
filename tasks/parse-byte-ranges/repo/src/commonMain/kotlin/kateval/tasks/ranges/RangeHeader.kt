package kateval.tasks.ranges

/** An inclusive range of byte offsets. */
data class ByteRange(val first: Long, val last: Long)

/** Thrown when a syntactically valid header contains no satisfiable range. */
class UnsatisfiableRangeException(message: String) : Exception(message)

/**
 * Parses the value of an HTTP `Range` header and resolves it against a resource of
 * [resourceLength] bytes. See instruction.md for the exact rules.
 */
fun parseRangeHeader(header: String, resourceLength: Long): List<ByteRange> {
    TODO("parse and resolve the Range header")
}
