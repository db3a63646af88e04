package kateval.tasks.template

/** Tokens produced by [Lexer]. [pos] is the index of the token's first character in the template source. */
sealed class Token {
    abstract val pos: Int

    /** Literal text outside of `{{ ... }}`. */
    data class Text(val value: String, override val pos: Int) : Token()

    /** `{{` */
    data class Open(override val pos: Int) : Token()

    /** `}}` closing a tag. */
    data class Close(override val pos: Int) : Token()

    /** An identifier inside a tag: a letter or '_' followed by letters, digits or '_'. */
    data class Ident(val name: String, override val pos: Int) : Token()

    /** `.` inside a tag. */
    data class Dot(override val pos: Int) : Token()
}
