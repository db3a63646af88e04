package kateval.tasks.seededrandom

import kotlin.test.*

class SeededRandomHiddenTest {
    @Test
    fun knownSequenceForSeedZero() {
        val r = SplitMix64(0)
        assertEquals(listOf(-2152535657050944081L, 7960286522194355700L, 487617019471545679L), List(3) { r.nextLong() })
    }

    @Test
    fun knownSequencesForOtherSeeds() {
        val a = SplitMix64(42)
        assertEquals(listOf(-4767286540954276203L, 2949826092126892291L, 5139283748462763858L), List(3) { a.nextLong() })
        val b = SplitMix64(-1)
        assertEquals(listOf(-1956407806741107680L, -1612297016619662647L), List(2) { b.nextLong() })
    }

    @Test
    fun boundedValuesAreReproducible() {
        val r = SplitMix64(7)
        assertEquals(listOf(3L, 2L, 3L, 1L, 7L, 2L, 9L, 1L), List(8) { r.nextLong(10) })
    }

    @Test
    fun rejectionSamplingRedraws() {
        val r = SplitMix64(7)
        val bound = (1L shl 62) + 1
        assertEquals(
            listOf(3595544800446187243L, 154844686297477902L, 4173039922750361837L, 2300599727732774152L),
            List(4) { r.nextLong(bound) },
        )
    }

    @Test
    fun nextIntAndBoundChecks() {
        val r = SplitMix64(2024)
        assertEquals(listOf(1, 2, 2, 1, 2, 4, 6, 2, 3, 1), List(10) { r.nextInt(6) + 1 })
        assertFailsWith<IllegalArgumentException> { r.nextInt(0) }
        assertFailsWith<IllegalArgumentException> { r.nextLong(-5) }
        assertEquals(0, SplitMix64(1).nextInt(1))
    }

    @Test
    fun doublesAreExactAndInRange() {
        val r = SplitMix64(7)
        assertEquals(listOf(0.3898297483912715, 0.01678829452815611, 0.9007606806068834), List(3) { r.nextDouble() })
        val s = SplitMix64(99)
        repeat(1_000) { val d = s.nextDouble(); assertTrue(d >= 0.0 && d < 1.0) }
    }

    @Test
    fun tokensUseTheAlphabet() {
        assertEquals("LK9N7XMK226P", SplitMix64(2024).token(12, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"))
        assertEquals("", SplitMix64(1).token(0, "ab"))
        assertEquals("zzzz", SplitMix64(1).token(4, "z"))
        assertFailsWith<IllegalArgumentException> { SplitMix64(1).token(-1, "ab") }
        assertFailsWith<IllegalArgumentException> { SplitMix64(1).token(3, "") }
    }

    @Test
    fun seedOfReadsBigEndian() {
        assertEquals(0x0102030405060708L, SplitMix64.seedOf(byteArrayOf(1, 2, 3, 4, 5, 6, 7, 8, 9)))
        assertEquals(-1L, SplitMix64.seedOf(ByteArray(8) { -1 }))
        assertEquals(Long.MIN_VALUE + 0x80, SplitMix64.seedOf(byteArrayOf(-128, 0, 0, 0, 0, 0, 0, -128)))
        assertFailsWith<IllegalArgumentException> { SplitMix64.seedOf(ByteArray(7)) }
    }

    @Test
    fun entropyHasRequestedSizeAndVaries() {
        assertEquals(0, platformEntropy(0).size)
        val a = platformEntropy(32)
        val b = platformEntropy(32)
        assertEquals(32, a.size)
        assertFalse(a.contentEquals(b))
        assertFailsWith<IllegalArgumentException> { platformEntropy(-1) }
    }

    @Test
    fun entropyCoversTheByteRange() {
        val big = platformEntropy(100_000)
        assertEquals(100_000, big.size)
        assertTrue(big.any { it < 0 } && big.any { it > 0 })
        assertTrue(big.toSet().size > 200)
        assertTrue(big.takeLast(1_000).toSet().size > 100, "the tail must be random too")
    }

    @Test
    fun secureGeneratorsDiffer() {
        val values = List(4) { SplitMix64.secure().nextLong() }
        assertEquals(4, values.toSet().size)
    }
}
