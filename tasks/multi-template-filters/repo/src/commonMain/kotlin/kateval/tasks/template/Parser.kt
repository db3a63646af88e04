package kateval.tasks.template

/** Turns the token list of a template into nodes. Grammar of a tag: `{{ ident ( "." ident )* }}`. */
class Parser(private val tokens: List<Token>, private val sourceLength: Int) {
    private var i = 0

    fun parse(): List<Node> {
        val nodes = mutableListOf<Node>()
        while (i < tokens.size) {
            when (val t = tokens[i]) {
                is Token.Text -> {
                    nodes += TextNode(t.value)
                    i++
                }
                is Token.Open -> {
                    i++
                    nodes += parseTag(t.pos)
                }
                else -> throw TemplateException("Unexpected token", t.pos)
            }
        }
        return nodes
    }

    private fun parseTag(openPos: Int): Node {
        val path = mutableListOf(expectIdent(openPos).name)
        while (peek() is Token.Dot) {
            i++
            path += expectIdent(openPos).name
        }
        val close = peek()
        if (close !is Token.Close) throw TemplateException("Expected '}}'", close?.pos ?: sourceLength)
        i++
        return OutputNode(path)
    }

    private fun expectIdent(openPos: Int): Token.Ident {
        val t = peek()
        if (t !is Token.Ident) throw TemplateException("Expected identifier", t?.pos ?: openPos)
        i++
        return t
    }

    private fun peek(): Token? = tokens.getOrNull(i)
}
