package kateval.tasks.cursortoken

import kotlin.test.*

class CursorTokenHiddenTest {
    @Test
    fun encodesTheInstructionExample() =
        assertEquals("azz.n%2E1.be", encodeCursor(Cursor(Direction.AFTER, 1295, "n.1")))

    @Test
    fun encodesZeroAndEmptyId() = assertEquals("b0..c0", encodeCursor(Cursor(Direction.BEFORE, 0, "")))

    @Test
    fun escapesPercentBeforeDot() =
        assertEquals("a1y2p0ij32e8e7.user%252E42.a4", encodeCursor(Cursor(Direction.AFTER, Long.MAX_VALUE, "user%2E42")))

    @Test
    fun negativeTimestampIsRejected() {
        assertFailsWith<IllegalArgumentException> { encodeCursor(Cursor(Direction.AFTER, -1, "x")) }
    }

    @Test
    fun decodesValidTokens() {
        assertEquals(Cursor(Direction.AFTER, 1295, "n.1"), decodeCursor("azz.n%2E1.be"))
        assertEquals(Cursor(Direction.BEFORE, 0, ""), decodeCursor("b0..c0"))
        assertEquals(Cursor(Direction.BEFORE, 47, "x"), decodeCursor("b1b.x.9b"))
    }

    @Test
    fun lowercaseEscapeIsAccepted() {
        val c = Cursor(Direction.AFTER, 10, "a.b")
        val token = encodeCursor(c)
        val body = token.substringBeforeLast('.').replace("%2E", "%2e")
        val sum = (body.sumOf { it.code } % 256).toString(16).padStart(2, '0')
        assertEquals(c, decodeCursor("$body.$sum"))
    }

    @Test
    fun roundTripsUnicodeAndAwkwardIds() {
        for (id in listOf("é😀", "%", "..", "%25", "a%2Eb", "~ ~", "")) {
            for (t in listOf(0L, 1L, 35L, 36L, 123_456_789_012L, Long.MAX_VALUE)) {
                val c = Cursor(Direction.BEFORE, t, id)
                assertEquals(c, decodeCursor(encodeCursor(c)), "id=$id t=$t")
            }
        }
    }

    @Test
    fun checksumUsesUtf16CodeUnits() = assertEquals("aa.é😀.16", encodeCursor(Cursor(Direction.AFTER, 10, "é😀")))

    @Test
    fun rejectsWrongShape() {
        for (t in listOf("", "a", "azz", "azz.n", "azz.n.1.be", "azz.n%2E1.be.", "xzz.n%2E1.be", ".n.00")) {
            assertNull(decodeCursor(t), t)
        }
    }

    @Test
    fun rejectsBadTimestamps() {
        fun tok(head: String, id: String = "x"): String {
            val body = "$head.$id"
            return "$body." + (body.sumOf { it.code } % 256).toString(16).padStart(2, '0')
        }
        assertEquals(Cursor(Direction.AFTER, 35, "x"), decodeCursor(tok("az")))
        for (head in listOf("a", "aZ", "a-5", "a+5", "a05", "a00", "a1y2p0ij32e8e8", "azzzzzzzzzzzzzzzz", "a 5")) {
            assertNull(decodeCursor(tok(head)), head)
        }
    }

    @Test
    fun rejectsBadEscapes() {
        fun tok(id: String): String {
            val body = "a1.$id"
            return "$body." + (body.sumOf { it.code } % 256).toString(16).padStart(2, '0')
        }
        assertEquals("%.", decodeCursor(tok("%25%2E"))?.id)
        for (id in listOf("%", "%2", "%2F", "%41", "x%", "%%25")) assertNull(decodeCursor(tok(id)), id)
    }

    @Test
    fun rejectsBadChecksums() {
        assertNull(decodeCursor("azz.n%2E1.bf"))
        assertNull(decodeCursor("azz.n%2E1.BE"))
        assertNull(decodeCursor("azz.n%2E1.e"))
        assertNull(decodeCursor("azz.n%2E1.0be"))
        assertNull(decodeCursor("azz.n%2E1.zz"))
    }
}
