package kateval.tasks.percent

/** "k=v&k2" with every key and value percent-encoded. */
fun buildQuery(params: List<Pair<String, String?>>): String {
    TODO()
}

/** Parses a query string leniently; see instruction.md. */
fun parseQuery(query: String): List<Pair<String, String?>> {
    TODO()
}
