package kateval.tasks.searchquery

data class Term(val text: String, val phrase: Boolean, val excluded: Boolean)

data class Filter(val field: String, val value: String, val excluded: Boolean)

data class Query(val terms: List<Term>, val filters: List<Filter>)

/** Splits a search query into terms and filters; see instruction.md. */
fun parseQuery(query: String): Query {
    TODO()
}
