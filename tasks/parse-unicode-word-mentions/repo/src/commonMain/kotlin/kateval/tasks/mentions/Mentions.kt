package kateval.tasks.mentions

data class Mention(val keyword: String, val start: Int, val end: Int)

/** Whole-word, case-insensitive mentions of [keywords] in [text]; see instruction.md. */
fun findMentions(text: String, keywords: List<String>): List<Mention> {
    TODO()
}
