package kateval.tasks.template

/** Evaluates parsed nodes against a context. */
internal object Renderer {
    fun render(nodes: List<Node>, context: Map<String, Any?>): String {
        val out = StringBuilder()
        for (node in nodes) {
            when (node) {
                is TextNode -> out.append(node.text)
                is OutputNode -> out.append(stringify(resolve(node.path, context)))
            }
        }
        return out.toString()
    }

    /** The first segment is looked up in [context]; each further segment in the previous value if it is a `Map`. */
    fun resolve(path: List<String>, context: Map<String, Any?>): Any? {
        var current: Any? = context[path.first()]
        for (segment in path.drop(1)) {
            current = (current as? Map<*, *>)?.get(segment)
        }
        return current
    }

    /** How values are printed: `null` prints as nothing, everything else via `toString()`. */
    fun stringify(value: Any?): String = value?.toString() ?: ""
}
