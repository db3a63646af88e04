package kateval.tasks.ranges

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class RangeHeaderHiddenTest {
    private fun r(first: Long, last: Long) = ByteRange(first, last)

    @Test
    fun singleRangesOfEachForm() {
        assertEquals(listOf(r(0, 499)), parseRangeHeader("bytes=0-499", 10000))
        assertEquals(listOf(r(9500, 9999)), parseRangeHeader("bytes=-500", 10000))
        assertEquals(listOf(r(9500, 9999)), parseRangeHeader("bytes=9500-", 10000))
        assertEquals(listOf(r(0, 0)), parseRangeHeader("bytes=0-0", 1))
    }

    @Test
    fun clampsToResourceLength() {
        assertEquals(listOf(r(9000, 9999)), parseRangeHeader("bytes=9000-20000", 10000))
        assertEquals(listOf(r(0, 9)), parseRangeHeader("bytes=-500", 10))
        assertEquals(listOf(r(0, 9)), parseRangeHeader("bytes=0-9223372036854775807", 10))
        assertEquals(listOf(r(0, 9)), parseRangeHeader("bytes=-9223372036854775807", 10))
    }

    @Test
    fun sortsAndMergesOverlappingAndAdjacent() {
        assertEquals(listOf(r(0, 99), r(500, 600)), parseRangeHeader("bytes=500-600, 0-99", 10000))
        assertEquals(listOf(r(0, 199)), parseRangeHeader("bytes=100-199,0-99", 10000))
        assertEquals(listOf(r(0, 99), r(101, 200)), parseRangeHeader("bytes=0-99,101-200", 10000))
        assertEquals(listOf(r(0, 100)), parseRangeHeader("bytes=10-20,0-100,50-60", 10000))
        assertEquals(listOf(r(0, 30), r(9990, 9999)), parseRangeHeader("bytes=-10,0-10,5-30,9995-", 10000))
        assertEquals(listOf(r(5, 9)), parseRangeHeader("bytes=5-,-3,7-8", 10))
    }

    @Test
    fun whitespaceCaseAndEmptyElements() {
        assertEquals(listOf(r(0, 1), r(5, 6)), parseRangeHeader(" \tBYTES \t= 0-1 ,, \t5-6 , ", 100))
        assertEquals(listOf(r(5, 10)), parseRangeHeader("Bytes=0005-0010", 100))
        assertEquals(listOf(r(0, 1)), parseRangeHeader("bytes=,0-1", 100))
    }

    @Test
    fun unsatisfiableRangesAreDropped() {
        assertEquals(listOf(r(0, 4)), parseRangeHeader("bytes=10-20,0-4,-0,10-", 10))
    }

    @Test
    fun allUnsatisfiableThrows() {
        assertFailsWith<UnsatisfiableRangeException> { parseRangeHeader("bytes=20000-", 10000) }
        assertFailsWith<UnsatisfiableRangeException> { parseRangeHeader("bytes=10000-10005", 10000) }
        assertFailsWith<UnsatisfiableRangeException> { parseRangeHeader("bytes=-0", 10000) }
        assertFailsWith<UnsatisfiableRangeException> { parseRangeHeader("bytes=0-", 0) }
        assertFailsWith<UnsatisfiableRangeException> { parseRangeHeader("bytes=-5, 0-10", 0) }
    }

    @Test
    fun rejectsBadUnitOrStructure() {
        for (bad in listOf("items=0-5", "bytes 0-5", "bytes", "=0-5", "byte=0-5", "bytes=", "bytes=  ,  , ",
            "bytes==0-5", "")) {
            assertFailsWith<IllegalArgumentException>("<$bad>") { parseRangeHeader(bad, 100) }
        }
    }

    @Test
    fun rejectsBadRangeSpecs() {
        for (bad in listOf("bytes=5", "bytes=-", "bytes=--5", "bytes=0-5-6", "bytes=5-4", "bytes=0 -5",
            "bytes=0- 5", "bytes=+1-5", "bytes=a-b", "bytes=0-5;6-7", "bytes=0-99999999999999999999",
            "bytes=-99999999999999999999")) {
            assertFailsWith<IllegalArgumentException>("<$bad>") { parseRangeHeader(bad, 100) }
        }
    }

    @Test
    fun onlySpacesAndTabsCountAsWhitespace() {
        for (bad in listOf("bytes=0-5,\u00A06-7", "bytes=0-5\n", "\u2003bytes=0-5", "bytes=\uFF10-5", "bytes=0-\u0665")) {
            assertFailsWith<IllegalArgumentException>("<$bad>") { parseRangeHeader(bad, 100) }
        }
    }

    @Test
    fun syntaxErrorWinsOverUnsatisfiable() {
        assertFailsWith<IllegalArgumentException> { parseRangeHeader("bytes=20000-, x", 10000) }
        assertFailsWith<IllegalArgumentException> { parseRangeHeader("bytes=20000-, 9-3", 10000) }
    }

    @Test
    fun rejectsNegativeLength() {
        assertFailsWith<IllegalArgumentException> { parseRangeHeader("bytes=0-5", -1) }
    }

    @Test
    fun largeResource() {
        val length = 5_000_000_000L
        assertEquals(listOf(r(4_999_999_000L, 4_999_999_999L)), parseRangeHeader("bytes=-1000", length))
        assertEquals(
            listOf(r(0, 2_147_483_648L), r(4_000_000_000L, 4_999_999_999L)),
            parseRangeHeader("bytes=4000000000-,0-2147483648", length),
        )
    }
}
