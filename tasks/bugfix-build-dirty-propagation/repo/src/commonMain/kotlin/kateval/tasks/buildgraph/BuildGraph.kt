package kateval.tasks.buildgraph

/** Thrown when the tasks needed for a build depend on each other in a loop. */
class CycleException(val cycle: List<String>) :
    IllegalStateException("dependency cycle: " + cycle.joinToString(" -> "))

/**
 * The task graph of a small build tool. Tasks are registered with their direct dependencies; a dependency
 * may be registered after the tasks that use it, unknown names are only reported when a build is planned.
 */
class BuildGraph {
    private val dependencies = LinkedHashMap<String, List<String>>()

    /** Registers [name] with its direct dependencies, in the order they should be built. */
    fun task(name: String, vararg dependsOn: String) {
        require(name.isNotBlank()) { "task name must not be blank" }
        require(name !in dependencies) { "task already registered: $name" }
        dependencies[name] = dependsOn.toList()
    }

    /**
     * Every task needed to build [targets], each exactly once, dependencies before the tasks that need them.
     * Depth-first: targets in the given order, each task's dependencies in declaration order.
     *
     * @throws IllegalArgumentException if a needed task is not registered
     * @throws CycleException if the needed tasks contain a cycle; [CycleException.cycle] starts and ends with
     *   the same task, e.g. `[b, c, b]`
     */
    fun executionOrder(targets: List<String>): List<String> {
        val order = mutableListOf<String>()
        val done = mutableSetOf<String>()
        val stack = mutableListOf<String>()

        fun visit(name: String) {
            if (name in done) return
            val onStack = stack.indexOf(name)
            if (onStack >= 0) throw CycleException(stack.subList(onStack, stack.size) + name)
            val deps = dependencies[name] ?: throw IllegalArgumentException("unknown task: $name")
            stack += name
            for (dep in deps) visit(dep)
            stack.removeAt(stack.size - 1)
            done += name
            order += name
        }

        for (target in targets) visit(target)
        return order
    }

    /**
     * The tasks that must run for an incremental build of [targets] after the inputs of [changed] were modified:
     * a task must run if it is in [changed] or if any task it depends on must run.
     * The result is in [executionOrder] order. Names in [changed] that are not needed for [targets] are ignored.
     */
    fun tasksToRun(targets: List<String>, changed: Set<String>): List<String> {
        val order = executionOrder(targets)
        val mustRun = mutableSetOf<String>()
        for (name in order) {
            val deps = dependencies.getValue(name)
            if (name in changed || deps.any { it in changed }) {
                mustRun += name
            }
        }
        return order.filter { it in mustRun }
    }
}
