package kateval.tasks.backoff

import kotlin.test.*

class BackoffHiddenTest {
    private fun fixed(r: Double) = RandomSource { r }
    private val policy = BackoffPolicy(100, 2.0, 10_000, 0.0)

    @Test
    fun firstAttemptIsTheBase() = assertEquals(100L, policy.delayFor(1, fixed(0.7)))

    @Test
    fun delaysDoubleWithoutJitter() =
        assertEquals(listOf(100L, 200L, 400L, 800L, 1600L), (1..5).map { policy.delayFor(it, fixed(0.3)) })

    @Test
    fun delayIsCappedAtMax() {
        assertEquals(6400L, policy.delayFor(7, fixed(0.0)))
        assertEquals(10_000L, policy.delayFor(8, fixed(0.0)))
    }

    @Test
    fun hugeAttemptDoesNotOverflow() {
        assertEquals(10_000L, policy.delayFor(10_000, fixed(0.0)))
        assertEquals(10_000L, policy.delayFor(Int.MAX_VALUE, fixed(0.0)))
    }

    @Test
    fun jitterSubtractsAFractionOfTheDelay() {
        val p = BackoffPolicy(100, 2.0, 10_000, 0.5)
        assertEquals(300L, p.delayFor(3, fixed(0.5)))
        assertEquals(400L, p.delayFor(3, fixed(0.0)))
        assertEquals(201L, p.delayFor(3, fixed(0.999)))
    }

    @Test
    fun fullJitterCanApproachZero() {
        val p = BackoffPolicy(1000, 3.0, 60_000, 1.0)
        assertEquals(1L, p.delayFor(2, fixed(0.9999)))
        assertEquals(9000L, p.delayFor(3, fixed(0.0)))
    }

    @Test
    fun jitterAppliesToTheCappedDelay() {
        val p = BackoffPolicy(100, 2.0, 1000, 0.2)
        assertEquals(900L, p.delayFor(20, fixed(0.5)))
    }

    @Test
    fun fractionalFactorIsTruncated() {
        val p = BackoffPolicy(100, 1.5, 10_000, 0.0)
        assertEquals(listOf(100L, 150L, 225L, 337L, 506L), (1..5).map { p.delayFor(it, fixed(0.0)) })
    }

    @Test
    fun randomIsDrawnExactlyOnce() {
        var calls = 0
        val counting = RandomSource { calls++; 0.25 }
        policy.delayFor(4, counting)
        BackoffPolicy(100, 2.0, 10_000, 0.5).delayFor(4, counting)
        assertEquals(2, calls)
    }

    @Test
    fun attemptBelowOneIsRejected() {
        assertFailsWith<IllegalArgumentException> { policy.delayFor(0, fixed(0.0)) }
        assertFailsWith<IllegalArgumentException> { policy.delayFor(-3, fixed(0.0)) }
    }
}
