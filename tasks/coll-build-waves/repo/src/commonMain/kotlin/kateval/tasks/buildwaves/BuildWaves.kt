package kateval.tasks.buildwaves

/** [module] depends on [dependency], which is not a module of the build. */
class MissingModuleException(val module: String, val dependency: String) :
    Exception("module '$module' depends on unknown module '$dependency'")

/** The build contains dependency cycles; [modules] are the modules lying on a cycle, sorted. */
class DependencyCycleException(val modules: List<String>) :
    Exception("dependency cycle between: ${modules.joinToString(", ")}")

/**
 * Groups the modules of [dependencies] into build waves. See instruction.md.
 */
fun buildWaves(dependencies: Map<String, Set<String>>): List<List<String>> {
    TODO("schedule the modules into waves")
}
