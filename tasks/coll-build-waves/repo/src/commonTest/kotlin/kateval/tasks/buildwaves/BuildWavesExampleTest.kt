package kateval.tasks.buildwaves

import kotlin.test.Test
import kotlin.test.assertEquals

class BuildWavesExampleTest {
    @Test
    fun exampleFromTheInstructions() {
        val graph = mapOf(
            "app" to setOf("ui", "data"),
            "ui" to setOf("core"),
            "data" to setOf("core"),
            "core" to emptySet(),
        )
        assertEquals(listOf(listOf("core"), listOf("data", "ui"), listOf("app")), buildWaves(graph))
    }
}
