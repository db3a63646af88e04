package kateval.tasks.validation

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class ValidatedAccumulateHiddenTest {
    private fun ok(v: Int): Validated<String, Int> = Validated.Valid(v)
    private fun bad(vararg e: String): Validated<String, Int> = Validated.Invalid(e.toList())

    @Test
    fun invalidRejectsEmptyList() {
        assertFailsWith<IllegalArgumentException> { Validated.Invalid(emptyList<String>()) }
        assertEquals(Validated.Invalid(listOf("x")), Validated.Invalid(listOf("x")))
        assertEquals(Validated.Valid(3).hashCode(), Validated.Valid(3).hashCode())
    }

    @Test
    fun mapAndMapErrors() {
        assertEquals(Validated.Valid("6"), ok(3).map { (it * 2).toString() })
        var called = false
        val b = bad("e1", "e2")
        assertEquals(b, b.map { called = true; it + 1 })
        assertEquals(false, called)
        assertEquals(Validated.Invalid(listOf(2, 2)), b.mapErrors { it.length })
        val v = ok(1)
        assertEquals(v, v.mapErrors { error("not called") })
    }

    @Test
    fun andThenShortCircuits() {
        assertEquals(Validated.Valid(10), ok(5).andThen { Validated.Valid(it * 2) })
        assertEquals(Validated.Invalid(listOf("neg")), ok(-1).andThen { if (it < 0) bad("neg") else ok(it) })
        var calls = 0
        val b = bad("first")
        assertEquals(b, b.andThen { calls++; ok(it) })
        assertEquals(0, calls)
    }

    @Test
    fun zipAccumulatesInOrder() {
        assertEquals(Validated.Valid(7), ok(3).zip(ok(4)) { a, b -> a + b })
        assertEquals(Validated.Invalid(listOf("a", "b", "c")), bad("a", "b").zip(bad("c")) { x, y -> x + y })
        assertEquals(Validated.Invalid(listOf("c")), ok(1).zip(bad("c")) { x, y -> x + y })
        assertEquals(Validated.Invalid(listOf("a")), bad("a").zip(ok(2)) { x, y -> x + y })
        val mixed: Validated<String, Pair<Int, String>> = ok(1).zip(Validated.Valid("s")) { a, b -> a to b }
        assertEquals(Validated.Valid(1 to "s"), mixed)
    }

    @Test
    fun ensureAndGetOrElse() {
        assertEquals(ok(4), ok(4).ensure({ "odd $it" }) { it % 2 == 0 })
        assertEquals(bad("odd 5"), ok(5).ensure({ "odd $it" }) { it % 2 == 0 })
        assertEquals(bad("x"), bad("x").ensure({ error("no") }) { error("no") })
        assertEquals(9, ok(9).getOrElse { -1 })
        assertEquals(2, bad("p", "q").getOrElse { it.size })
    }

    @Test
    fun toValidatedOnlyEvaluatesIfNullWhenNeeded() {
        var calls = 0
        val s: String? = "hi"
        assertEquals(Validated.Valid("hi"), s.toValidated { calls++; "missing" })
        assertEquals(0, calls)
        val n: String? = null
        assertEquals(Validated.Invalid(listOf("missing")), n.toValidated { calls++; "missing" })
        assertEquals(1, calls)
    }

    @Test
    fun sequenceCollectsValuesOrAllErrors() {
        assertEquals(Validated.Valid(emptyList()), emptyList<Validated<String, Int>>().sequence())
        assertEquals(Validated.Valid(listOf(1, 2, 3)), listOf(ok(1), ok(2), ok(3)).sequence())
        assertEquals(
            Validated.Invalid(listOf("a", "b", "c")),
            listOf(ok(1), bad("a"), ok(2), bad("b", "c")).sequence(),
        )
        assertEquals(Validated.Valid(listOf(5)), setOf(ok(5)).sequence())
    }

    @Test
    fun traverseCallsEveryElement() {
        val seen = mutableListOf<String>()
        val result = listOf("1", "x", "3", "y").traverse { s ->
            seen += s
            s.toIntOrNull().toValidated { "bad $s" }
        }
        assertEquals(listOf("1", "x", "3", "y"), seen)
        assertEquals(Validated.Invalid(listOf("bad x", "bad y")), result)
        assertEquals(Validated.Valid(listOf(1, 2)), listOf("1", "2").traverse { s -> s.toInt().toValidated<String, Int> { "n" } })
        assertEquals(Validated.Valid(emptyList()), emptyList<String>().traverse { ok(1) })
    }

    @Test
    fun sensorConfigValid() {
        assertEquals(
            Validated.Valid(SensorConfig("garage", 60, listOf("outdoor", "cam", "outdoor"))),
            parseSensorConfig(mapOf("name" to "  garage ", "interval" to " 60 ", "tags" to "outdoor, cam ,outdoor")),
        )
        assertEquals(
            Validated.Valid(SensorConfig("x", 3600, emptyList())),
            parseSensorConfig(mapOf("name" to "x", "interval" to "3600", "tags" to "   ")),
        )
        assertEquals(Validated.Valid(SensorConfig("y", 1, emptyList())), parseSensorConfig(mapOf("name" to "y", "interval" to "1")))
    }

    @Test
    fun sensorConfigAccumulatesAllErrors() {
        assertEquals(
            Validated.Invalid(listOf(ConfigError.Missing("name"), ConfigError.OutOfRange("interval", 0), ConfigError.BadTag(1), ConfigError.BadTag(3))),
            parseSensorConfig(mapOf("name" to " ", "interval" to "0", "tags" to "a,,b, ")),
        )
        assertEquals(
            Validated.Invalid(listOf<ConfigError>(ConfigError.Missing("name"), ConfigError.Missing("interval"))),
            parseSensorConfig(emptyMap()),
        )
        assertEquals(
            Validated.Invalid(listOf<ConfigError>(ConfigError.NotANumber("interval", "1.5"))),
            parseSensorConfig(mapOf("name" to "n", "interval" to " 1.5 ")),
        )
        assertEquals(
            Validated.Invalid(listOf<ConfigError>(ConfigError.OutOfRange("interval", 3601), ConfigError.BadTag(0))),
            parseSensorConfig(mapOf("name" to "n", "interval" to "3601", "tags" to ",a")),
        )
        assertEquals(
            Validated.Invalid(listOf<ConfigError>(ConfigError.Missing("interval"))),
            parseSensorConfig(mapOf("name" to "n", "interval" to "   ", "tags" to "a")),
        )
    }
}
