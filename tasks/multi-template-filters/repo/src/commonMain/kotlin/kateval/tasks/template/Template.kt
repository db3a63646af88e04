package kateval.tasks.template

/** A compiled template; [render] may be called any number of times. */
class Template internal constructor(private val nodes: List<Node>) {
    fun render(context: Map<String, Any?>): String = Renderer.render(nodes, context)
}

object Templates {
    /** Compiles [source]. All syntax errors are reported here as [TemplateException], never during rendering. */
    fun compile(source: String): Template {
        val tokens = Lexer(source).tokenize()
        return Template(Parser(tokens, source.length).parse())
    }
}
