package kateval.tasks.packetreader

import kotlin.test.*

class PacketReaderHiddenTest {
    private fun r(vararg v: Int) = PacketReader(ByteArray(v.size) { v[it].toByte() })

    @Test
    fun readsUnsignedAndSignedNumbers() {
        val p = r(0xFF, 0xAB, 0xCD, 0xFF, 0xFF, 0xFF, 0xFE, 0x80, 0, 0, 0, 0, 0, 0, 1)
        assertEquals(255, p.readU8())
        assertEquals(0xABCD, p.readU16())
        assertEquals(-2, p.readI32())
        assertEquals(Long.MIN_VALUE + 1, p.readI64())
        assertEquals(0, p.remaining)
    }

    @Test
    fun truncatedReadsThrowWithStartOffset() {
        val p = r(1, 2, 3)
        p.readU8()
        val e = assertFailsWith<TruncatedPacketException> { p.readI32() }
        assertEquals(1, e.offset)
        assertEquals(1, p.position)
        assertEquals(0x0203, p.readU16())
        assertEquals(3, assertFailsWith<TruncatedPacketException> { p.readU8() }.offset)
    }

    @Test
    fun emptyPacket() {
        val p = r()
        assertEquals(0, p.remaining)
        assertFailsWith<TruncatedPacketException> { p.readU8() }
        assertFailsWith<TruncatedPacketException> { p.readI64() }
        assertFailsWith<TruncatedPacketException> { p.readVarUInt() }
    }

    @Test
    fun varintsDecode() {
        assertEquals(0, r(0).readVarUInt())
        assertEquals(127, r(0x7F).readVarUInt())
        assertEquals(300, r(0xAC, 0x02).readVarUInt())
        assertEquals(Int.MAX_VALUE, r(0xFF, 0xFF, 0xFF, 0xFF, 0x07).readVarUInt())
        val p = r(0x80, 0x01, 0x05)
        assertEquals(128, p.readVarUInt())
        assertEquals(2, p.position)
    }

    @Test
    fun varintErrors() {
        val big = r(0xFF, 0xFF, 0xFF, 0xFF, 0x08)
        assertFailsWith<MalformedPacketException> { big.readVarUInt() }
        assertEquals(0, big.position)
        assertFailsWith<MalformedPacketException> { r(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).readVarUInt() }
        val cut = r(0x05, 0xAC)
        cut.readU8()
        assertEquals(1, assertFailsWith<TruncatedPacketException> { cut.readVarUInt() }.offset)
        assertEquals(1, cut.position)
    }

    @Test
    fun readsStrings() {
        val p = r(0, 5, 0x68, 0xC3, 0xA9, 0x6C, 0x6F, 0, 0)
        assertEquals("hélo", p.readString())
        assertEquals("", p.readString())
        assertEquals(0, p.remaining)
    }

    @Test
    fun truncatedStringRestoresPosition() {
        val p = r(0x07, 0, 4, 0x61, 0x62)
        p.readU8()
        assertEquals(1, assertFailsWith<TruncatedPacketException> { p.readString() }.offset)
        assertEquals(1, p.position)
        val q = r(0)
        assertEquals(0, assertFailsWith<TruncatedPacketException> { q.readString() }.offset)
    }

    @Test
    fun invalidUtf8IsMalformed() {
        val p = r(0, 2, 0xC3, 0x28)
        assertFailsWith<MalformedPacketException> { p.readString() }
        assertEquals(0, p.position)
    }

    @Test
    fun skipChecksBounds() {
        val p = r(1, 2, 3, 4)
        p.skip(3)
        assertEquals(4, p.readU8())
        p.skip(0)
        assertEquals(4, assertFailsWith<TruncatedPacketException> { p.skip(1) }.offset)
        assertFailsWith<IllegalArgumentException> { p.skip(-1) }
    }
}
