package kateval.tasks.navigation

/** The back stack a deep link opens, or null if the link is not ours. See instruction.md. */
fun parseDeepLink(uri: String): List<Route>? {
    TODO("parseDeepLink")
}
