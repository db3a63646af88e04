package kateval.tasks.units

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull

class UnitConverterHiddenTest {
    private fun r(n: Long, d: Long = 1) = Rational.of(n, d)

    private val kitchen = UnitConverter(listOf(
        Rule("tbsp", "tsp", r(3)),
        Rule("cup", "tbsp", r(16)),
        Rule("l", "ml", r(1000)),
        Rule("tsp", "ml", r(5)),
        Rule("kg", "g", r(1000)),
        Rule("lb", "g", r(45359237, 100000)),
        Rule("oz", "lb", r(1, 16)),
    ))

    @Test
    fun directAndReverseRules() {
        assertEquals(r(3), kitchen.factor("tbsp", "tsp"))
        assertEquals(r(1, 3), kitchen.factor("tsp", "tbsp"))
        assertEquals(r(1, 1000), kitchen.factor("ml", "l"))
    }

    @Test
    fun chainsThroughSeveralRules() {
        assertEquals(r(240), kitchen.factor("cup", "ml"))
        assertEquals(r(25, 6), kitchen.factor("l", "cup"))
        assertEquals(r(45359237, 1600000), kitchen.factor("oz", "g"))
        assertEquals(r(100000000, 45359237), kitchen.factor("kg", "lb"))
    }

    @Test
    fun convertMultipliesTheAmount() {
        assertEquals(r(360), kitchen.convert(r(3, 2), "cup", "ml"))
        assertEquals(r(1, 2), kitchen.convert(r(8), "tbsp", "cup"))
        assertEquals(r(7, 3), kitchen.convert(r(7, 3), "g", "g"))
    }

    @Test
    fun differentDimensionsOrUnknownUnits() {
        assertNull(kitchen.factor("cup", "g"))
        assertNull(kitchen.convert(r(1), "kg", "ml"))
        assertNull(kitchen.factor("cup", "pint"))
        assertNull(kitchen.factor("pint", "cup"))
        assertNull(kitchen.factor("Cup", "ml"))
        assertEquals(Rational.ONE, kitchen.factor("pint", "pint"))
    }

    @Test
    fun unitsLikeIsSortedAndIncludesItself() {
        assertEquals(listOf("cup", "l", "ml", "tbsp", "tsp"), kitchen.unitsLike("ml"))
        assertEquals(listOf("g", "kg", "lb", "oz"), kitchen.unitsLike("oz"))
        assertEquals(emptyList(), kitchen.unitsLike("furlong"))
        assertEquals(listOf("B", "a"), UnitConverter(listOf(Rule("a", "B", r(2)))).unitsLike("a"))
    }

    @Test
    fun consistentRedundantRulesAreAccepted() {
        val c = UnitConverter(listOf(
            Rule("m", "cm", r(100)), Rule("cm", "mm", r(10)), Rule("m", "mm", r(1000)), Rule("mm", "m", r(1, 1000)),
            Rule("m", "cm", r(100)),
        ))
        assertEquals(r(1, 1000), c.factor("mm", "m"))
    }

    @Test
    fun contradictionsAreRejected() {
        assertFailsWith<IllegalArgumentException> {
            UnitConverter(listOf(Rule("m", "cm", r(100)), Rule("cm", "mm", r(10)), Rule("m", "mm", r(999))))
        }
        assertFailsWith<IllegalArgumentException> {
            UnitConverter(listOf(Rule("m", "cm", r(100)), Rule("m", "cm", r(101))))
        }
        assertFailsWith<IllegalArgumentException> {
            UnitConverter(listOf(Rule("a", "b", r(2)), Rule("c", "d", r(3)), Rule("b", "c", r(1)), Rule("d", "a", r(1, 5))))
        }
    }

    @Test
    fun badRules() {
        assertFailsWith<IllegalArgumentException> { UnitConverter(listOf(Rule("a", "b", r(0)))) }
        assertFailsWith<IllegalArgumentException> { UnitConverter(listOf(Rule("a", "b", r(-2)))) }
        assertFailsWith<IllegalArgumentException> { UnitConverter(listOf(Rule("a", "a", r(1)))) }
    }

    @Test
    fun emptyRules() {
        val c = UnitConverter(emptyList())
        assertNull(c.factor("a", "b"))
        assertEquals(Rational.ONE, c.factor("a", "a"))
        assertEquals(emptyList(), c.unitsLike("a"))
    }
}
