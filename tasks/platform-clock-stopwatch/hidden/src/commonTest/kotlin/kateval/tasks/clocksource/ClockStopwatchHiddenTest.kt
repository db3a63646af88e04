package kateval.tasks.clocksource

import kotlin.test.*

class ClockStopwatchHiddenTest {
    private var t = 0L
    private val fake = { t }

    @Test
    fun wallClockIsPlausible() {
        val now = epochMillis()
        assertTrue(now > 1_700_000_000_000L, "after November 2023: $now")
        assertTrue(now < 4_102_444_800_000L, "before 2100: $now")
    }

    @Test
    fun monotonicClockNeverGoesBack() {
        var last = monotonicNanos()
        repeat(20_000) {
            val next = monotonicNanos()
            assertTrue(next >= last)
            last = next
        }
    }

    @Test
    fun monotonicClockIsInNanoseconds() {
        val wall0 = epochMillis()
        val mono0 = monotonicNanos()
        while (epochMillis() - wall0 < 30) { /* spin */ }
        val elapsed = monotonicNanos() - mono0
        assertTrue(elapsed >= 20_000_000L, "elapsed $elapsed ns should be at least 20 ms")
        assertTrue(elapsed < 5_000_000_000L, "elapsed $elapsed ns should be well under 5 s")
    }

    @Test
    fun stopwatchAccumulatesRunningTimeOnly() {
        val sw = Stopwatch(fake)
        t = 100; sw.start()
        t = 400; assertEquals(300L, sw.stop())
        t = 10_000; sw.start()
        t = 10_050
        assertEquals(350L, sw.elapsedNanos)
        assertEquals(350L, sw.stop())
        t = 99_999
        assertEquals(350L, sw.elapsedNanos)
    }

    @Test
    fun lapsMeasureSincePreviousLap() {
        val sw = Stopwatch(fake)
        t = 10; sw.start()
        t = 30; assertEquals(20L, sw.lap())
        t = 35; assertEquals(5L, sw.lap())
        sw.stop()
        t = 1_000; sw.start()
        t = 1_004; assertEquals(4L, sw.lap())
    }

    @Test
    fun misuseThrowsIllegalState() {
        val sw = Stopwatch(fake)
        assertFailsWith<IllegalStateException> { sw.stop() }
        assertFailsWith<IllegalStateException> { sw.lap() }
        sw.start()
        assertFailsWith<IllegalStateException> { sw.start() }
    }

    @Test
    fun resetClearsEverything() {
        val sw = Stopwatch(fake)
        sw.start(); t = 50; sw.lap(); t = 70
        sw.reset()
        assertEquals(0L, sw.elapsedNanos)
        t = 100; sw.start(); t = 130
        assertEquals(30L, sw.lap())
    }

    @Test
    fun defaultTimeSourceWorks() {
        val sw = Stopwatch()
        sw.start()
        assertTrue(sw.stop() >= 0)
    }

    @Test
    fun formatsMicrosAndMillis() {
        assertEquals("0 µs", formatDuration(0))
        assertEquals("999 µs", formatDuration(999_999))
        assertEquals("1 ms", formatDuration(1_000_000))
        assertEquals("999 ms", formatDuration(999_999_999))
    }

    @Test
    fun formatsSecondsWithTwoTruncatedDecimals() {
        assertEquals("1.00 s", formatDuration(1_000_000_000))
        assertEquals("1.05 s", formatDuration(1_059_000_000))
        assertEquals("2.00 s", formatDuration(2_000_000_000))
        assertEquals("59.99 s", formatDuration(59_999_999_999))
    }

    @Test
    fun formatsMinutesAndHours() {
        assertEquals("1 min 0 s", formatDuration(60_000_000_000))
        assertEquals("1 min 5 s", formatDuration(65_900_000_000))
        assertEquals("59 min 59 s", formatDuration(3_599_999_999_999))
        assertEquals("1 h 0 min", formatDuration(3_600_000_000_000))
        assertEquals("26 h 0 min", formatDuration(93_600_000_000_000))
        // minutes are whole minutes, truncated: 1 h 0 min 59.999 s and 1 h 59 min 59.999 s
        assertEquals("1 h 0 min", formatDuration(3_659_999_999_999))
        assertEquals("1 h 59 min", formatDuration(7_199_999_999_999))
        assertEquals("2562047 h 47 min", formatDuration(Long.MAX_VALUE))
    }

    @Test
    fun negativeDurationIsRejected() {
        assertFailsWith<IllegalArgumentException> { formatDuration(-1) }
    }
}
