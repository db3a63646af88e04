package kateval.tasks.routepattern

/** A compiled route pattern such as `/users/{id:int}/posts/{slug?}`. See instruction.md. */
class RoutePattern private constructor() {
    fun match(path: String): Map<String, Any>? = TODO("match")

    companion object {
        fun compile(pattern: String): RoutePattern = TODO("compile")
    }
}
