package kateval.tasks.template

sealed interface Node

/** Literal text, copied to the output unchanged. */
data class TextNode(val text: String) : Node

/** `{{ a.b.c }}`: looks up the dotted [path] in the render context and prints it. */
data class OutputNode(val path: List<String>) : Node
