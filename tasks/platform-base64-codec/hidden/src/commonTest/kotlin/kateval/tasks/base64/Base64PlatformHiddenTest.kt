package kateval.tasks.base64

import kotlin.test.*

class Base64PlatformHiddenTest {
    private fun b(s: String) = s.encodeToByteArray()

    @Test
    fun encodesRfcVectors() {
        val vectors = listOf("" to "", "f" to "Zg==", "fo" to "Zm8=", "foo" to "Zm9v", "foob" to "Zm9vYg==", "fooba" to "Zm9vYmE=", "foobar" to "Zm9vYmFy")
        for ((plain, enc) in vectors) assertEquals(enc, Base64Platform.encode(b(plain)), plain)
    }

    @Test
    fun decodesRfcVectors() {
        for (plain in listOf("", "f", "fo", "foo", "foob", "fooba", "foobar")) {
            assertEquals(plain, Base64Platform.decode(Base64Platform.encode(b(plain))).decodeToString())
        }
    }

    @Test
    fun highBytesRoundTrip() {
        val all = ByteArray(256) { it.toByte() }
        val enc = Base64Platform.encode(all)
        assertTrue(enc.startsWith("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g"))
        assertTrue(enc.endsWith("r7/P3+/w=="))
        assertContentEquals(all, Base64Platform.decode(enc))
    }

    @Test
    fun encodesPlusAndSlash() {
        assertEquals("+/+/", Base64Platform.encode(byteArrayOf(-5, -1, -65)))
        assertContentEquals(byteArrayOf(-5, -1, -65), Base64Platform.decode("+/+/"))
    }

    @Test
    fun paddingIsOptionalOnDecode() {
        assertContentEquals(byteArrayOf(65), Base64Platform.decode("QQ=="))
        assertContentEquals(byteArrayOf(65), Base64Platform.decode("QQ"))
        assertContentEquals(byteArrayOf(65, 66), Base64Platform.decode("QUI"))
        assertContentEquals(byteArrayOf(), Base64Platform.decode(""))
    }

    @Test
    fun rejectsInvalidInput() {
        for (bad in listOf("Q", "QUJDR", "QQ=Q", "Q===", "QQ!=", "QQ ==", "Zm9v\n", "Zm-v", "Zm_v", "é===")) {
            assertFailsWith<IllegalArgumentException>(bad) { Base64Platform.decode(bad) }
        }
    }

    @Test
    fun utf8TextRoundTrips() {
        val text = "Grüße, 世界 😀"
        assertEquals("R3LDvMOfZSwg5LiW55WMIPCfmIA=", Base64Platform.encode(b(text)))
        assertEquals(text, Base64Platform.decode("R3LDvMOfZSwg5LiW55WMIPCfmIA=").decodeToString())
    }

    @Test
    fun urlSafeEncodingSwapsAlphabetAndDropsPadding() {
        assertEquals("-_-_", encodeUrlSafe(byteArrayOf(-5, -1, -65)))
        assertEquals("QQ", encodeUrlSafe(byteArrayOf(65)))
        assertEquals("", encodeUrlSafe(byteArrayOf()))
    }

    @Test
    fun urlSafeDecoding() {
        assertContentEquals(byteArrayOf(-5, -1, -65), decodeUrlSafe("-_-_"))
        assertContentEquals(byteArrayOf(65, 66), decodeUrlSafe("QUI"))
        for (bad in listOf("+/+/", "QQ==", "Q", "QQ!")) {
            assertFailsWith<IllegalArgumentException>(bad) { decodeUrlSafe(bad) }
        }
    }

    @Test
    fun largeInputRoundTrips() {
        val data = ByteArray(10_000) { (it * 31 + 7).toByte() }
        assertContentEquals(data, decodeUrlSafe(encodeUrlSafe(data)))
        assertEquals(13_336, Base64Platform.encode(data).length)
    }
}
