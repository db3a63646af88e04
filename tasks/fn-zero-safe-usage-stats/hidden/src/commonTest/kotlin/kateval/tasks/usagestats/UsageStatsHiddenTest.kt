package kateval.tasks.usagestats

import kotlin.test.*

class UsageStatsHiddenTest {
    @Test
    fun eventsPerMinuteBasics() {
        assertEquals(120, eventsPerMinute(10, 5))
        assertEquals(0, eventsPerMinute(0, 30))
        assertEquals(6, eventsPerMinute(7, 61))
    }

    @Test
    fun eventsPerMinuteZeroWindowIsNull() {
        assertNull(eventsPerMinute(10, 0))
        assertNull(eventsPerMinute(0, 0))
    }

    @Test
    fun eventsPerMinuteDoesNotOverflow() {
        assertEquals(Int.MAX_VALUE, eventsPerMinute(Int.MAX_VALUE, 60))
        assertEquals(1_073_741_823, eventsPerMinute(Int.MAX_VALUE, 120))
    }

    @Test
    fun percentRoundsHalfUp() {
        assertEquals(13, percentOf(1, 8))
        assertEquals(33, percentOf(1, 3))
        assertEquals(67, percentOf(2, 3))
        assertEquals(100, percentOf(5, 5))
        assertEquals(0, percentOf(0, 7))
        assertEquals(1, percentOf(1, 200))
        assertEquals(0, percentOf(1, 201))
    }

    @Test
    fun percentZeroWholeIsNull() = assertNull(percentOf(3, 0))

    @Test
    fun percentDoesNotOverflow() {
        assertEquals(50, percentOf(Int.MAX_VALUE / 2, Int.MAX_VALUE))
        assertEquals(200, percentOf(Int.MAX_VALUE, Int.MAX_VALUE / 2 + 1))
    }

    @Test
    fun bucketsCoverNegativeHashes() {
        assertEquals(3, bucketOf(13, 10))
        assertEquals(9, bucketOf(-1, 10))
        assertEquals(2, bucketOf(Int.MIN_VALUE, 10))
        assertEquals(7, bucketOf(Int.MAX_VALUE, 10))
        assertEquals(0, bucketOf(123456, 1))
    }

    @Test
    fun zeroOrNegativeBucketsThrow() {
        assertFailsWith<IllegalArgumentException> { bucketOf(5, 0) }
        assertFailsWith<IllegalArgumentException> { bucketOf(-5, -3) }
    }

    @Test
    fun averageSession() {
        assertEquals(40L, averageSessionSeconds(120, 3))
        assertEquals(3_074_457_345_618_258_602L, averageSessionSeconds(Long.MAX_VALUE, 3))
        assertNull(averageSessionSeconds(500, 0))
    }

    @Test
    fun negativeArgumentsAreRejected() {
        assertFailsWith<IllegalArgumentException> { eventsPerMinute(-1, 5) }
        assertFailsWith<IllegalArgumentException> { eventsPerMinute(1, -5) }
        assertFailsWith<IllegalArgumentException> { percentOf(-1, 5) }
        assertFailsWith<IllegalArgumentException> { percentOf(1, -5) }
        assertFailsWith<IllegalArgumentException> { averageSessionSeconds(-1, 2) }
        assertFailsWith<IllegalArgumentException> { averageSessionSeconds(1, -2) }
    }
}
