package kateval.tasks.buildgraph

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class BuildDirtyPropagationHiddenTest {
    /** app -> (ui, lib); ui -> (lib, assets); lib -> core; core; assets; docs -> core; tests -> (app, fixtures); fixtures */
    private fun project(): BuildGraph = BuildGraph().apply {
        task("app", "ui", "lib")
        task("ui", "lib", "assets")
        task("lib", "core")
        task("core")
        task("assets")
        task("docs", "core")
        task("tests", "app", "fixtures")
        task("fixtures")
    }

    @Test
    fun executionOrderIsDepthFirstInDeclarationOrder() {
        val g = project()
        assertEquals(listOf("core", "lib", "assets", "ui", "app"), g.executionOrder(listOf("app")))
        assertEquals(
            listOf("core", "docs", "lib", "assets", "ui", "app", "fixtures", "tests"),
            g.executionOrder(listOf("docs", "tests", "app")),
        )
        assertEquals(emptyList(), g.executionOrder(emptyList()))
    }

    @Test
    fun unknownAndCyclicTasks() {
        val g = BuildGraph()
        g.task("a", "b")
        g.task("b", "c")
        g.task("c", "b")
        g.task("d", "missing")
        val e = assertFailsWith<CycleException> { g.executionOrder(listOf("a")) }
        assertEquals(listOf("b", "c", "b"), e.cycle)
        assertFailsWith<IllegalArgumentException> { g.executionOrder(listOf("d")) }
        assertFailsWith<IllegalArgumentException> { g.executionOrder(listOf("nope")) }
        assertFailsWith<CycleException> { g.tasksToRun(listOf("a"), setOf("c")) }
        assertFailsWith<IllegalArgumentException> { g.task("a") }
        assertFailsWith<IllegalArgumentException> { g.task(" ") }
    }

    @Test
    fun changeInLeafRebuildsEverythingAbove() {
        val g = project()
        assertEquals(listOf("core", "lib", "ui", "app"), g.tasksToRun(listOf("app"), setOf("core")))
    }

    @Test
    fun reportedScenarioAppLibCore() {
        val g = BuildGraph()
        g.task("app", "lib")
        g.task("lib", "core")
        g.task("core")
        assertEquals(listOf("core", "lib", "app"), g.tasksToRun(listOf("app"), setOf("core")))
        assertEquals(listOf("lib", "app"), g.tasksToRun(listOf("app"), setOf("lib")))
        assertEquals(listOf("app"), g.tasksToRun(listOf("app"), setOf("app")))
    }

    @Test
    fun longChainPropagatesAllTheWay() {
        val g = BuildGraph()
        for (i in 0 until 20) {
            if (i == 0) g.task("t0") else g.task("t$i", "t${i - 1}")
        }
        assertEquals((5 until 20).map { "t$it" }, g.tasksToRun(listOf("t19"), setOf("t5")))
    }

    @Test
    fun changeInMiddleOnlyAffectsDependents() {
        val g = project()
        assertEquals(listOf("assets", "ui", "app", "tests"), g.tasksToRun(listOf("tests"), setOf("assets")))
        assertEquals(listOf("fixtures", "tests"), g.tasksToRun(listOf("tests"), setOf("fixtures")))
    }

    @Test
    fun nothingChangedOrIrrelevantChanges() {
        val g = project()
        assertEquals(emptyList(), g.tasksToRun(listOf("app"), emptySet()))
        assertEquals(emptyList(), g.tasksToRun(listOf("app"), setOf("docs", "fixtures", "not-a-task")))
        assertEquals(emptyList(), g.tasksToRun(emptyList(), setOf("core")))
    }

    @Test
    fun multipleChangesAndTargets() {
        val g = project()
        assertEquals(
            listOf("core", "docs", "lib", "ui", "app", "fixtures", "tests"),
            g.tasksToRun(listOf("docs", "tests"), setOf("fixtures", "core")),
        )
        assertEquals(
            listOf("core", "lib", "assets", "ui", "app", "tests"),
            g.tasksToRun(listOf("tests"), setOf("assets", "core")),
        )
    }
}
