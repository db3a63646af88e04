package kateval.tasks.rollout

import kotlin.test.*

class RolloutHiddenTest {
    private fun h(s: String, seed: Int = 0) = murmur3x86_32(s.encodeToByteArray(), seed)

    @Test
    fun emptyInputAndSeed() {
        assertEquals(0, h(""))
        assertEquals(0x514e28b7, h("", 1))
    }

    @Test
    fun tailLengths() {
        assertEquals(0x3c2569b2, h("a"))
        assertEquals(0xb3dd93fa.toInt(), h("abc"))
        assertEquals(0x43ed676a, h("abcd"))
        assertEquals(0x248bfa47, h("hello"))
    }

    @Test
    fun longerInputs() {
        assertEquals(0x149bbb7f, h("hello, world"))
        assertEquals(0x2e4ff723, h("The quick brown fox jumps over the lazy dog"))
    }

    @Test
    fun nonAsciiBytesAreUnsigned() = assertEquals(0x222786b3, h("ünïcödé 😀"))

    @Test
    fun seedChangesTheHash() = assertEquals(0x2be91a10, h("user-42:checkout-v2", 7))

    @Test
    fun bucketUsesUnsignedHash() {
        assertEquals(2460, rolloutBucket("user-42", "checkout-v2"))
        assertEquals(770, rolloutBucket("user-2", "dark-mode"), "hash 0xcc71a882 is negative as an Int")
        assertEquals(8709, rolloutBucket("user-1", "dark-mode"))
    }

    @Test
    fun bucketsAreInRange() {
        for (i in 0 until 500) assertTrue(rolloutBucket("u$i", "flag") in 0..9_999)
    }

    @Test
    fun enabledFollowsBasisPoints() {
        assertFalse(isEnabled("user-42", "checkout-v2", 2460))
        assertTrue(isEnabled("user-42", "checkout-v2", 2461))
        assertFalse(isEnabled("user-42", "checkout-v2", 0))
        assertTrue(isEnabled("user-42", "checkout-v2", 10_000))
        assertFailsWith<IllegalArgumentException> { isEnabled("u", "f", -1) }
        assertFailsWith<IllegalArgumentException> { isEnabled("u", "f", 10_001) }
    }

    @Test
    fun rolloutShareIsRoughlyRight() {
        val on = (0 until 2_000).count { isEnabled("user-$it", "dark-mode", 2_500) }
        assertTrue(on in 400..600, "about 25 % expected, got $on of 2000")
    }

    @Test
    fun labelsHaveTwoDecimals() {
        assertEquals("24.60%", bucketLabel(2460))
        assertEquals("0.05%", bucketLabel(5))
        assertEquals("0.00%", bucketLabel(0))
        assertEquals("24.00%", bucketLabel(2400))
        assertEquals("99.99%", bucketLabel(9_999))
        assertFailsWith<IllegalArgumentException> { bucketLabel(10_000) }
        assertFailsWith<IllegalArgumentException> { bucketLabel(-1) }
    }
}
