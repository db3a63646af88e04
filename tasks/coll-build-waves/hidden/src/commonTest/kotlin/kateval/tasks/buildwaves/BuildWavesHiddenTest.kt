package kateval.tasks.buildwaves

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class BuildWavesHiddenTest {

    @Test
    fun diamond() {
        val graph = mapOf(
            "app" to setOf("ui", "data"),
            "ui" to setOf("core"),
            "data" to setOf("core"),
            "core" to emptySet(),
        )
        assertEquals(listOf(listOf("core"), listOf("data", "ui"), listOf("app")), buildWaves(graph))
    }

    @Test
    fun emptyBuild() {
        assertEquals(emptyList(), buildWaves(emptyMap()))
    }

    @Test
    fun independentModulesUseNaturalStringOrder() {
        val graph = mapOf("a" to emptySet<String>(), "_x" to emptySet(), "Z" to emptySet(), "B" to emptySet(), "b" to emptySet())
        assertEquals(listOf(listOf("B", "Z", "_x", "a", "b")), buildWaves(graph))
    }

    @Test
    fun levelIsOnePlusDeepestDependency() {
        val graph = mapOf(
            "app" to setOf("feature-login", "feature-cart", "analytics"),
            "feature-login" to setOf("auth", "ui-kit"),
            "feature-cart" to setOf("payments", "ui-kit"),
            "payments" to setOf("network", "auth"),
            "auth" to setOf("network"),
            "network" to emptySet(),
            "ui-kit" to emptySet(),
            "analytics" to setOf("network"),
            "docs" to emptySet(),
        )
        assertEquals(
            listOf(
                listOf("docs", "network", "ui-kit"),
                listOf("analytics", "auth"),
                listOf("feature-login", "payments"),
                listOf("feature-cart"),
                listOf("app"),
            ),
            buildWaves(graph),
        )
    }

    @Test
    fun resultDoesNotDependOnIterationOrder() {
        val a = linkedMapOf(
            "x" to linkedSetOf("b", "a"), "a" to linkedSetOf<String>(), "b" to linkedSetOf("a"), "y" to linkedSetOf("a"),
        )
        val b = linkedMapOf(
            "y" to linkedSetOf("a"), "b" to linkedSetOf("a"), "a" to linkedSetOf(), "x" to linkedSetOf("a", "b"),
        )
        val expected = listOf(listOf("a"), listOf("b", "y"), listOf("x"))
        assertEquals(expected, buildWaves(a))
        assertEquals(expected, buildWaves(b))
    }

    @Test
    fun longChain() {
        val n = 3000
        val graph = HashMap<String, Set<String>>()
        for (i in 0 until n) graph["m$i"] = if (i == 0) emptySet() else setOf("m${i - 1}")
        val waves = buildWaves(graph)
        assertEquals(n, waves.size)
        assertEquals(listOf("m0"), waves.first())
        assertEquals(listOf("m${n - 1}"), waves.last())
        assertEquals(listOf("m1500"), waves[1500])
    }

    @Test
    fun manyPathsMustNotBeEnumerated() {
        // 60 layers of 3 modules, each depending on all modules of the previous layer:
        // 3^59 distinct paths from the top to the bottom.
        val layers = 60
        val graph = HashMap<String, Set<String>>()
        fun name(layer: Int, k: Int) = "L" + layer.toString().padStart(2, '0') + "-" + k
        for (layer in 0 until layers) {
            for (k in 0 until 3) {
                graph[name(layer, k)] = if (layer == 0) emptySet() else (0 until 3).map { name(layer - 1, it) }.toSet()
            }
        }
        graph["top"] = (0 until 3).map { name(layers - 1, it) }.toSet() + name(0, 0)
        val waves = buildWaves(graph)
        assertEquals(layers + 1, waves.size)
        for (layer in 0 until layers) assertEquals((0 until 3).map { name(layer, it) }, waves[layer])
        assertEquals(listOf("top"), waves[layers])
    }

    @Test
    fun missingDependency() {
        val e = assertFailsWith<MissingModuleException> {
            buildWaves(mapOf("app" to setOf("core", "ghost"), "core" to emptySet()))
        }
        assertEquals("app", e.module)
        assertEquals("ghost", e.dependency)
    }

    @Test
    fun smallestMissingPairIsReported() {
        val e = assertFailsWith<MissingModuleException> {
            buildWaves(mapOf(
                "z" to setOf("a1"),
                "c" to setOf("y", "x", "a"),
                "a" to emptySet(),
                "d" to setOf("b"),
            ))
        }
        assertEquals("c", e.module)
        assertEquals("x", e.dependency)
    }

    @Test
    fun missingIsCheckedBeforeCycles() {
        val e = assertFailsWith<MissingModuleException> {
            buildWaves(mapOf("a" to setOf("a"), "b" to setOf("c", "zzz"), "c" to setOf("b")))
        }
        assertEquals("b", e.module)
        assertEquals("zzz", e.dependency)
    }

    @Test
    fun simpleCycleExcludesDownstreamModules() {
        val e = assertFailsWith<DependencyCycleException> {
            buildWaves(mapOf(
                "a" to setOf("b"),
                "b" to setOf("c"),
                "c" to setOf("a", "base"),
                "base" to emptySet(),
                "d" to setOf("a"),
                "e" to setOf("d"),
            ))
        }
        assertEquals(listOf("a", "b", "c"), e.modules)
    }

    @Test
    fun selfLoopsAndSeveralCycles() {
        val e = assertFailsWith<DependencyCycleException> {
            buildWaves(mapOf(
                "self" to setOf("self"),
                "p" to setOf("q"),
                "q" to setOf("p", "r"),
                "r" to setOf("s"),
                "s" to setOf("r"),
                "t" to setOf("p", "self"),
                "u" to emptySet(),
                "v" to setOf("u"),
            ))
        }
        assertEquals(listOf("p", "q", "r", "s", "self"), e.modules)
    }

    @Test
    fun largeRingWithTail() {
        val n = 2000
        val graph = HashMap<String, Set<String>>()
        for (i in 0 until n) graph["r" + i.toString().padStart(4, '0')] = setOf("r" + ((i + 1) % n).toString().padStart(4, '0'))
        for (i in 0 until 1000) graph["t$i"] = setOf(if (i == 0) "r0000" else "t${i - 1}")
        val e = assertFailsWith<DependencyCycleException> { buildWaves(graph) }
        assertEquals((0 until n).map { "r" + it.toString().padStart(4, '0') }, e.modules)
    }
}
