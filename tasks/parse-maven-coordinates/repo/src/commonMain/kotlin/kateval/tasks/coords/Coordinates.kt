package kateval.tasks.coords

/** A dependency coordinate; see instruction.md. */
data class Coordinate(
    val group: String,
    val artifact: String,
    val version: String?,
    val classifier: String?,
    val extension: String = "jar",
)

/** Parses `group:artifact[:version[:classifier]][@extension]`. */
fun parseCoordinate(text: String): Coordinate {
    TODO("parse the coordinate notation")
}

/** Formats this coordinate back into its notation. */
fun Coordinate.toNotation(): String {
    TODO("format the coordinate notation")
}
