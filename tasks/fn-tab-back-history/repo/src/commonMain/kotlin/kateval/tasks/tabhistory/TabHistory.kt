package kateval.tasks.tabhistory

/** The tab history after selecting [tab]. See instruction.md. */
fun selectTab(history: List<String>, tab: String, startTab: String): List<String> {
    TODO("selectTab")
}
