package kateval.tasks.crc32

import kotlin.test.*

class Crc32HiddenTest {
    private fun b(s: String) = s.encodeToByteArray()
    private val data = ByteArray(1000) { (it * 7 + 3).toByte() }
    private val chunkCrcs = listOf("de0e57ce", "ce4b4510", "b512f7b6", "0fa570ca")

    @Test
    fun knownVectors() {
        assertEquals("00000000", crc32Hex(ByteArray(0)))
        assertEquals("e8b7be43", crc32Hex(b("a")))
        assertEquals("cbf43926", crc32Hex(b("123456789")))
        assertEquals("414fa339", crc32Hex(b("The quick brown fox jumps over the lazy dog")))
        assertEquals("f4e068bd", crc32Hex(b("Grüße 😀")))
    }

    @Test
    fun highBytesAreUnsigned() = assertEquals("29058c73", crc32Hex(ByteArray(256) { it.toByte() }))

    @Test
    fun valueIsAnUnsignedLong() {
        val c = Crc32()
        assertEquals(0L, c.value)
        c.update(b("123456789"))
        assertEquals(0xCBF43926L, c.value)
        assertTrue(c.value > 0)
    }

    @Test
    fun incrementalUpdatesMatchOneShot() {
        val c = Crc32()
        c.update(b("12345"), 0, 5)
        c.update(b("xx6789yy"), 2, 4)
        assertEquals(0xCBF43926L, c.value)
    }

    @Test
    fun zeroLengthUpdateAtEndIsAllowed() {
        val c = Crc32()
        c.update(b("abc"), 3, 0)
        assertEquals(0L, c.value)
    }

    @Test
    fun resetStartsOver() {
        val c = Crc32()
        c.update(b("garbage"))
        c.reset()
        assertEquals(0L, c.value)
        c.update(b("a"))
        assertEquals(0xE8B7BE43L, c.value)
    }

    @Test
    fun badRangesThrowIllegalArgument() {
        val c = Crc32()
        assertFailsWith<IllegalArgumentException> { c.update(b("abc"), -1, 1) }
        assertFailsWith<IllegalArgumentException> { c.update(b("abc"), 0, -1) }
        assertFailsWith<IllegalArgumentException> { c.update(b("abc"), 2, 2) }
        assertFailsWith<IllegalArgumentException> { c.update(b("abc"), 4, 0) }
        assertFailsWith<IllegalArgumentException> { c.update(b("abc"), 1, Int.MAX_VALUE) }
    }

    @Test
    fun allChunksValid() = assertEquals(emptyList(), verifyChunks(data, 300, chunkCrcs))

    @Test
    fun corruptedChunksAreReported() {
        val copy = data.copyOf()
        copy[10] = (copy[10] + 1).toByte()
        copy[999] = 0
        assertEquals(listOf(0, 3), verifyChunks(copy, 300, chunkCrcs))
    }

    @Test
    fun expectedHexIsCaseInsensitive() = assertEquals(emptyList(), verifyChunks(data, 300, chunkCrcs.map { it.uppercase() }))

    @Test
    fun chunksOfOneByte() {
        // chunkSize 1 is the smallest valid size: one chunk per byte
        assertEquals(emptyList(), verifyChunks(b("ab"), 1, listOf("e8b7be43", "71beeff9")))
        assertEquals(listOf(0), verifyChunks(b("ab"), 1, listOf("71beeff9", "71beeff9")))
    }

    @Test
    fun chunkCountMustMatch() {
        assertFailsWith<IllegalArgumentException> { verifyChunks(data, 300, chunkCrcs.take(3)) }
        assertFailsWith<IllegalArgumentException> { verifyChunks(data, 0, chunkCrcs) }
        assertEquals(emptyList(), verifyChunks(ByteArray(0), 10, emptyList()))
    }
}
