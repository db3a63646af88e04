package kateval.tasks.elapsed

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class ElapsedHiddenTest {
    @Test
    fun secondsRoundHalfUp() {
        assertEquals("0s", formatElapsed(0))
        assertEquals("0s", formatElapsed(499))
        assertEquals("1s", formatElapsed(500))
        assertEquals("1s", formatElapsed(1499))
        assertEquals("2s", formatElapsed(1500))
    }

    @Test
    fun roundingUpTo60SecondsShowsMinutes() {
        assertEquals("59s", formatElapsed(59_499))
        assertEquals("1m 00s", formatElapsed(59_500))
        assertEquals("1m 00s", formatElapsed(60_000))
    }

    @Test
    fun secondsNeverShow60() {
        assertEquals("2m 00s", formatElapsed(119_500))
        assertEquals("1m 59s", formatElapsed(119_499))
        assertEquals("10m 00s", formatElapsed(599_999))
    }

    @Test
    fun minutesAndPaddedSeconds() {
        assertEquals("1m 05s", formatElapsed(65_000))
        assertEquals("59m 59s", formatElapsed(3_599_499))
    }

    @Test
    fun roundingUpToAnHourShowsHours() {
        assertEquals("1h 00m", formatElapsed(3_599_500))
        assertEquals("1h 00m", formatElapsed(3_600_000))
    }

    @Test
    fun hoursRoundMinutesHalfUp() {
        assertEquals("1h 29m", formatElapsed(5_369_499))
        assertEquals("1h 30m", formatElapsed(5_369_500))
        assertEquals("1h 30m", formatElapsed(5_385_000))
        assertEquals("1h 05m", formatElapsed(3_929_000))
    }

    @Test
    fun minuteRoundingCarriesIntoHours() {
        assertEquals("2h 00m", formatElapsed(7_170_000))
        assertEquals("1h 59m", formatElapsed(7_169_499))
        assertEquals("24h 00m", formatElapsed(86_399_999))
        assertEquals("100h 00m", formatElapsed(360_000_000))
    }

    @Test
    fun hugeValuesDoNotOverflow() {
        assertEquals("2562047788015h 13m", formatElapsed(Long.MAX_VALUE))
    }

    @Test
    fun negativeIsRejected() {
        assertFailsWith<IllegalArgumentException> { formatElapsed(-1) }
        assertFailsWith<IllegalArgumentException> { formatElapsed(Long.MIN_VALUE) }
    }
}
