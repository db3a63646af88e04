package kateval.tasks.template

/** Thrown when a template cannot be compiled. [position] is the index in the source where the problem was found. */
class TemplateException(message: String, val position: Int) : RuntimeException("$message (at $position)")
