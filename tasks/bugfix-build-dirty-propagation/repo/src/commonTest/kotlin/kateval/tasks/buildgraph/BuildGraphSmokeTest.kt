package kateval.tasks.buildgraph

import kotlin.test.Test
import kotlin.test.assertEquals

class BuildGraphSmokeTest {
    @Test
    fun ordersDependenciesFirst() {
        val g = BuildGraph()
        g.task("app", "lib")
        g.task("lib")
        assertEquals(listOf("lib", "app"), g.executionOrder(listOf("app")))
        assertEquals(listOf("lib", "app"), g.tasksToRun(listOf("app"), setOf("lib")))
    }
}
