package kateval.tasks.semver

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotEquals
import kotlin.test.assertTrue

class SemVerHiddenTest {
    private fun v(s: String) = SemVer.parse(s)

    @Test
    fun parsesAllParts() {
        assertEquals(SemVer(1, 2, 3, listOf("beta", "1"), listOf("exp", "sha", "5114f85")), v("1.2.3-beta.1+exp.sha.5114f85"))
        assertEquals(SemVer(0, 0, 0), v("0.0.0"))
        assertEquals(SemVer(1, 0, 0, emptyList(), listOf("001")), v("1.0.0+001"))
        assertEquals(SemVer(1, 0, 0, listOf("x-y", "0a", "--")), v("1.0.0-x-y.0a.--"))
        assertEquals(SemVer(Int.MAX_VALUE, 0, 0), v("2147483647.0.0"))
    }

    @Test
    fun toStringRoundTrips() {
        for (s in listOf("1.2.3", "1.2.3-rc.1", "1.2.3+b.7", "10.20.30-alpha.beta+meta-data.1")) {
            assertEquals(s, v(s).toString())
            assertEquals(v(s), v(v(s).toString()))
        }
    }

    @Test
    fun rejectsMalformedText() {
        for (bad in listOf("", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "v1.2.3", " 1.2.3", "1.2.3 ",
            "1.2.3-", "1.2.3+", "1.2.3-a..b", "1.2.3-01", "1.2.3-a_b", "1.2.-3", "-1.2.3", "+1.2.3", "1.2.3-é",
            "2147483648.0.0", "99999999999999999999.0.0", "1.2.x", "1..3")) {
            assertFailsWith<IllegalArgumentException>(bad) { v(bad) }
        }
    }

    @Test
    fun constructorValidates() {
        assertFailsWith<IllegalArgumentException> { SemVer(-1, 0, 0) }
        assertFailsWith<IllegalArgumentException> { SemVer(1, 0, 0, listOf("")) }
        assertFailsWith<IllegalArgumentException> { SemVer(1, 0, 0, listOf("007")) }
        assertFailsWith<IllegalArgumentException> { SemVer(1, 0, 0, emptyList(), listOf("a.b")) }
        assertEquals("1.0.0+007", SemVer(1, 0, 0, emptyList(), listOf("007")).toString())
    }

    @Test
    fun specPrecedenceChain() {
        val chain = listOf("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0").map(::v)
        for (i in chain.indices) for (j in chain.indices) {
            assertEquals(i.compareTo(j).coerceIn(-1, 1), chain[i].compareTo(chain[j]).coerceIn(-1, 1), "${chain[i]} vs ${chain[j]}")
        }
        assertEquals(chain, chain.shuffled(kotlin.random.Random(7)).sorted())
    }

    @Test
    fun hugeNumericIdentifiersCompareByValue() {
        assertTrue(v("1.0.0-99999999999999999999") > v("1.0.0-9999999999999999999"))
        assertTrue(v("1.0.0-100000000000000000000") > v("1.0.0-99999999999999999999"))
        assertTrue(v("1.0.0-2") < v("1.0.0-10"))
        assertTrue(v("1.0.0-999") < v("1.0.0-a"))
        assertTrue(v("1.0.0-B") < v("1.0.0-a"))
    }

    @Test
    fun buildMetadataIsIgnoredForPrecedenceOnly() {
        assertEquals(0, v("1.0.0+a").compareTo(v("1.0.0+b")))
        assertNotEquals(v("1.0.0+a"), v("1.0.0+b"))
        assertTrue(v("1.0.0-rc+zzz") < v("1.0.0"))
    }

    @Test
    fun bumps() {
        assertEquals(v("1.2.4"), v("1.2.3").nextPatch())
        assertEquals(v("1.2.3"), v("1.2.3-rc.1+b").nextPatch())
        assertEquals(v("1.3.0"), v("1.2.3+b").nextMinor())
        assertEquals(v("1.3.0"), v("1.3.0-rc").nextMinor())
        assertEquals(v("1.4.0"), v("1.3.1-rc").nextMinor())
        assertEquals(v("2.0.0"), v("1.9.9").nextMajor())
        assertEquals(v("2.0.0"), v("2.0.0-rc").nextMajor())
        assertEquals(v("3.0.0"), v("2.0.1-rc").nextMajor())
    }

    @Test
    fun bumpOverflow() {
        assertFailsWith<ArithmeticException> { SemVer(1, 2, Int.MAX_VALUE).nextPatch() }
        assertFailsWith<ArithmeticException> { SemVer(1, Int.MAX_VALUE, 0).nextMinor() }
        assertFailsWith<ArithmeticException> { SemVer(Int.MAX_VALUE, 0, 0).nextMajor() }
        assertEquals(SemVer(1, 2, Int.MAX_VALUE), SemVer(1, 2, Int.MAX_VALUE, listOf("rc")).nextPatch())
    }
}
