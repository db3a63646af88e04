package kateval.tasks.semrange

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class VersionRangeHiddenTest {
    private fun check(range: String, inside: List<String>, outside: List<String>) {
        val r = VersionRange.parse(range)
        for (v in inside) assertEquals(true, r.contains(Version.parse(v)), "$v should be in '$range'")
        for (v in outside) assertEquals(false, r.contains(Version.parse(v)), "$v should not be in '$range'")
    }

    @Test
    fun exactAndXRanges() {
        check("1.2.3", listOf("1.2.3"), listOf("1.2.4", "1.2.2", "1.2.3-rc"))
        check("=1.2.3", listOf("1.2.3+build"), listOf("1.2.30"))
        check("1.2", listOf("1.2.0", "1.2.99"), listOf("1.3.0", "1.1.9", "1.2.5-rc"))
        check("1.x.X", listOf("1.0.0", "1.9.9"), listOf("2.0.0", "0.9.9"))
        check("1", listOf("1.0.0", "1.99.0"), listOf("2.0.0-0", "2.0.0"))
    }

    @Test
    fun emptyAndStarMatchEveryRelease() {
        for (r in listOf("", "  ", "*", "x", "=*", ">=*", "<=*", "~*", "^*")) {
            check(r, listOf("0.0.0", "1.2.3", "2147483647.0.0"), listOf("1.0.0-rc.1"))
        }
    }

    @Test
    fun tildeRanges() {
        check("~1.2.3", listOf("1.2.3", "1.2.9"), listOf("1.3.0", "1.2.2"))
        check("~1.2", listOf("1.2.0", "1.2.7"), listOf("1.3.0"))
        check("~1", listOf("1.0.0", "1.5.0"), listOf("2.0.0"))
        check("~0.2.3", listOf("0.2.5"), listOf("0.3.0"))
    }

    @Test
    fun caretRanges() {
        check("^1.2.3", listOf("1.2.3", "1.9.0"), listOf("2.0.0", "1.2.2", "1.5.0-rc.1"))
        check("^0.2.3", listOf("0.2.3", "0.2.9"), listOf("0.3.0", "0.2.2"))
        check("^0.0.3", listOf("0.0.3"), listOf("0.0.4", "0.0.2"))
        check("^1.2", listOf("1.2.0", "1.8.1"), listOf("2.0.0", "1.1.0"))
        check("^0.2", listOf("0.2.0", "0.2.8"), listOf("0.3.0"))
        check("^0.0", listOf("0.0.0", "0.0.9"), listOf("0.1.0"))
        check("^0", listOf("0.0.0", "0.9.9"), listOf("1.0.0"))
        check("^1", listOf("1.0.0"), listOf("2.0.0"))
    }

    @Test
    fun primitiveComparatorsWithPartials() {
        check(">1.2.3", listOf("1.2.4"), listOf("1.2.3"))
        check(">1.2", listOf("1.3.0"), listOf("1.2.9"))
        check(">1", listOf("2.0.0"), listOf("1.9.9"))
        check(">=1.2", listOf("1.2.0"), listOf("1.1.9"))
        check("<1.2.3", listOf("1.2.2"), listOf("1.2.3"))
        check("<1.2", listOf("1.1.9"), listOf("1.2.0"))
        check("<1", listOf("0.9.9"), listOf("1.0.0"))
        check("<=1.2.3", listOf("1.2.3"), listOf("1.2.4"))
        check("<=1.2", listOf("1.2.9"), listOf("1.3.0"))
        check("<=1", listOf("1.9.9"), listOf("2.0.0"))
        check(">*", emptyList(), listOf("0.0.0", "5.0.0"))
        check("<*", emptyList(), listOf("0.0.0", "5.0.0"))
    }

    @Test
    fun intersectionsAndUnions() {
        check(">=1.2.7 <1.3.0", listOf("1.2.7", "1.2.99"), listOf("1.2.6", "1.3.0"))
        check(">= 1.2.7\t< 1.3.0", listOf("1.2.8"), listOf("1.3.0"))
        check("1.2.7 || >=1.2.9 <2.0.0", listOf("1.2.7", "1.2.9", "1.4.6"), listOf("1.2.8", "2.0.0"))
        check("^1.0.0||^3.0.0", listOf("1.5.0", "3.1.0"), listOf("2.0.0", "4.0.0"))
        check(">=2.0.0 <1.0.0", emptyList(), listOf("1.5.0", "2.5.0"))
    }

    @Test
    fun hyphenRanges() {
        check("1.2.3 - 2.3.4", listOf("1.2.3", "2.3.4"), listOf("2.3.5", "1.2.2"))
        check("1.2 - 2.3.4", listOf("1.2.0"), listOf("1.1.9"))
        check("1.2.3 - 2.3", listOf("2.3.9"), listOf("2.4.0"))
        check("1.2.3 - 2", listOf("2.9.9"), listOf("3.0.0"))
        check("* - 2.0.0", listOf("0.0.0", "2.0.0"), listOf("2.0.1"))
        check("1.0.0 - *", listOf("1.0.0", "99.0.0"), listOf("0.9.9"))
    }

    @Test
    fun preReleaseRule() {
        check(">=1.2.3-beta.1 <1.3.0", listOf("1.2.3-beta.4", "1.2.3-beta.1", "1.2.5"), listOf("1.2.4-alpha", "1.2.3-alpha", "1.3.0-rc"))
        check("^1.2.3-beta.2", listOf("1.2.3-beta.2", "1.2.3-beta.10", "1.2.3", "1.4.0"), listOf("1.2.3-beta.1", "1.4.0-rc", "2.0.0"))
        check("~1.2.3-rc.1", listOf("1.2.3-rc.2"), listOf("1.2.4-rc.1"))
        check("1.0.0-rc.1 || 2.x", listOf("1.0.0-rc.1", "2.1.0"), listOf("1.0.0-rc.2", "2.1.0-rc"))
        check("<=1.0.0-rc.5", listOf("1.0.0-rc.1", "0.9.0"), listOf("1.0.0", "0.9.0-rc"))
    }

    @Test
    fun syntaxErrors() {
        for (bad in listOf("1.x.3", "*.2", "01.2.3", "1.2.3.4", ">", ">=", "1.2-rc", "1.x-rc", "a.b.c", "^^1", "~>1.2",
            "1.2.3 -", "- 1.2.3", "1.2.3 - 2 - 3", "1.2.3-", "1.2.3-01", "2147483648", "v1.2.3", "1..2", "1.2.3 || !1")) {
            assertFailsWith<IllegalArgumentException>(bad) { VersionRange.parse(bad) }
        }
    }
}
