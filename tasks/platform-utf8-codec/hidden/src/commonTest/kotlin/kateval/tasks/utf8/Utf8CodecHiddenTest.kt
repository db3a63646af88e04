package kateval.tasks.utf8

import kotlin.test.*

class Utf8CodecHiddenTest {
    private fun bytes(vararg v: Int) = ByteArray(v.size) { v[it].toByte() }

    @Test
    fun encodesAllSequenceLengths() {
        assertContentEquals(bytes(0x41), utf8Encode("A"))
        assertContentEquals(bytes(0xC3, 0xA9), utf8Encode("é"))
        assertContentEquals(bytes(0xE2, 0x82, 0xAC), utf8Encode("€"))
        assertContentEquals(bytes(0xF0, 0x9F, 0x98, 0x80), utf8Encode("😀"))
        assertContentEquals(ByteArray(0), utf8Encode(""))
    }

    @Test
    fun loneSurrogatesEncodeAsReplacementCharacter() {
        assertContentEquals(bytes(0x61, 0xEF, 0xBF, 0xBD, 0x62), utf8Encode("a\uD800b"))
        assertContentEquals(bytes(0xEF, 0xBF, 0xBD), utf8Encode("\uDC00"))
        assertContentEquals(bytes(0xEF, 0xBF, 0xBD, 0x21), utf8Encode("\uD83D!"))
    }

    @Test
    fun decodesValidInput() {
        val text = "Grüße, 世界 😀\u0000end"
        assertEquals(text, utf8Decode(utf8Encode(text)))
        assertEquals("", utf8Decode(ByteArray(0)))
        assertEquals("\uFFFF", utf8Decode(bytes(0xEF, 0xBF, 0xBF)))
        assertEquals("\uDBFF\uDFFF", utf8Decode(bytes(0xF4, 0x8F, 0xBF, 0xBF)))
    }

    @Test
    fun byteOrderMarkIsKept() = assertEquals("\uFEFFhi", utf8Decode(bytes(0xEF, 0xBB, 0xBF, 0x68, 0x69)))

    @Test
    fun malformedInputIsRejected() {
        val bad = listOf(
            bytes(0x80), bytes(0xC3), bytes(0xC3, 0x28), bytes(0xE2, 0x82), bytes(0xC0, 0xAF),
            bytes(0xE0, 0x80, 0xAF), bytes(0xED, 0xA0, 0x80), bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xFF), bytes(0x61, 0xF0, 0x9F, 0x98),
        )
        for (b in bad) assertFailsWith<IllegalArgumentException>(b.joinToString()) { utf8Decode(b) }
    }

    @Test
    fun lengthMatchesEncoding() {
        for (t in listOf("", "abc", "é€😀", "a\uD800b", "\uDC00\uD800", "日本語テキスト")) {
            assertEquals(utf8Encode(t).size, utf8Length(t), t)
        }
    }

    @Test
    fun truncateKeepsShortText() {
        assertEquals("héllo", truncateUtf8("héllo", 6))
        assertEquals("héllo", truncateUtf8("héllo", 6, "…"))
        assertEquals("", truncateUtf8("", 0))
    }

    @Test
    fun truncateNeverSplitsCharacters() {
        assertEquals("h", truncateUtf8("héllo", 2))
        assertEquals("hé", truncateUtf8("héllo", 3))
        assertEquals("a", truncateUtf8("a😀b", 4))
        assertEquals("a😀", truncateUtf8("a😀b", 5))
    }

    @Test
    fun truncateWithEllipsisLeavesRoom() {
        assertEquals("Hello…", truncateUtf8("Hello world", 8, "…"))
        assertEquals("…", truncateUtf8("😀😀", 5, "…"))
        assertEquals("", truncateUtf8("Hello world", 2, "…"))
        assertEquals("He...", truncateUtf8("Hello world", 5, "..."))
    }

    @Test
    fun truncateRejectsNegativeLimit() {
        assertFailsWith<IllegalArgumentException> { truncateUtf8("x", -1) }
    }
}
