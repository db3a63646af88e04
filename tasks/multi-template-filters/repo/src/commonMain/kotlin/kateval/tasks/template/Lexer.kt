package kateval.tasks.template

/**
 * Splits a template into tokens.
 *
 * Outside of tags everything is literal text. Inside `{{ ... }}` whitespace is skipped and only
 * identifiers and dots are allowed.
 */
class Lexer(private val source: String) {
    private var i = 0
    private val tokens = mutableListOf<Token>()

    fun tokenize(): List<Token> {
        while (i < source.length) {
            val open = source.indexOf("{{", i)
            if (open < 0) {
                tokens += Token.Text(source.substring(i), i)
                i = source.length
            } else {
                if (open > i) tokens += Token.Text(source.substring(i, open), i)
                tokens += Token.Open(open)
                i = open + 2
                lexTag(open)
            }
        }
        return tokens
    }

    private fun lexTag(openPos: Int) {
        while (true) {
            if (i >= source.length) throw TemplateException("Unterminated tag", openPos)
            val c = source[i]
            when {
                c == '}' && i + 1 < source.length && source[i + 1] == '}' -> {
                    tokens += Token.Close(i)
                    i += 2
                    return
                }
                c.isWhitespace() -> i++
                c == '.' -> {
                    tokens += Token.Dot(i)
                    i++
                }
                isIdentStart(c) -> {
                    val start = i
                    while (i < source.length && isIdentPart(source[i])) i++
                    tokens += Token.Ident(source.substring(start, i), start)
                }
                else -> throw TemplateException("Unexpected character '$c'", i)
            }
        }
    }

    private fun isIdentStart(c: Char) = c == '_' || (c in 'a'..'z') || (c in 'A'..'Z')
    private fun isIdentPart(c: Char) = isIdentStart(c) || c in '0'..'9'
}
