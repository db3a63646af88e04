package kateval.tasks.textfold

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class TextFoldingHiddenTest {
    @Test
    fun normalizeComposesAndDecomposes() {
        assertEquals("\u00e9", normalize("e\u0301", NormalForm.NFC))
        assertEquals("e\u0301", normalize("\u00e9", NormalForm.NFD))
        assertEquals("", normalize("", NormalForm.NFKD))
        assertEquals("plain ascii", normalize("plain ascii", NormalForm.NFC))
        // canonical ordering: dot below (ccc 220) before circumflex (ccc 230)
        assertEquals("a\u0323\u0302", normalize("\u1ead", NormalForm.NFD))
        assertEquals("\u1ead", normalize("a\u0302\u0323", NormalForm.NFC))
    }

    @Test
    fun normalizeCompatibilityForms() {
        assertEquals("\ufb01", normalize("\ufb01", NormalForm.NFC))
        assertEquals("fi", normalize("\ufb01", NormalForm.NFKC))
        assertEquals("1", normalize("\u2460", NormalForm.NFKD))
        assertEquals("ABC", normalize("\uff21\uff22\uff23", NormalForm.NFKC))
        assertEquals("e\u0301", normalize("\u00e9", NormalForm.NFKD))
    }

    @Test
    fun normalizeHangul() {
        assertEquals("\u1112\u1161\u11ab", normalize("\ud55c", NormalForm.NFD))
        assertEquals("\ud55c", normalize("\u1112\u1161\u11ab", NormalForm.NFC))
    }

    @Test
    fun foldAccentsKeepsCaseAndNonDecomposableLetters() {
        assertEquals("Creme Brulee", TextFolding.foldAccents("Crème Brûlée"))
        assertEquals("Angstrom", TextFolding.foldAccents("Ångström"))
        assertEquals("Tieng Viet", TextFolding.foldAccents("Tiếng Việt"))
        assertEquals("Søren Straße", TextFolding.foldAccents("Søren Straße"))
        assertEquals("e", TextFolding.foldAccents("e\u0301"))
        assertEquals("", TextFolding.foldAccents(""))
    }

    @Test
    fun foldAccentsRecomposesWhatItDoesNotStrip() {
        // Hangul decomposes into jamo that are not marks; they must be composed again
        assertEquals("한국어", TextFolding.foldAccents("한국어"))
        // compatibility characters are left alone
        assertEquals("\ufb01ance", TextFolding.foldAccents("\ufb01ancé"))
        assertEquals("Ελλαδα", TextFolding.foldAccents("Ελλάδα"))
    }

    @Test
    fun accentInsensitiveEquality() {
        assertTrue(TextFolding.accentInsensitiveEquals("Crème Brûlée", "CREME BRULEE"))
        assertTrue(TextFolding.accentInsensitiveEquals("\ufb01ancé", "FIANCE"))
        assertTrue(TextFolding.accentInsensitiveEquals("\u2460", "1"))
        assertTrue(TextFolding.accentInsensitiveEquals("e\u0301cole", "\u00c9cole"))
        assertTrue(TextFolding.accentInsensitiveEquals("", ""))
        assertFalse(TextFolding.accentInsensitiveEquals("resume", "résumés"))
        assertFalse(TextFolding.accentInsensitiveEquals("straße", "strasse"))
        assertFalse(TextFolding.accentInsensitiveEquals("cafe", "cafe "))
    }

    @Test
    fun slugifyBasics() {
        assertEquals("creme-brulee-recipe", TextFolding.slugify("Crème Brûlée Recipe"))
        assertEquals("hello-world", TextFolding.slugify("  --Hello,   World!!  "))
        assertEquals("c-3po-r2-d2", TextFolding.slugify("C-3PO & R2-D2"))
        assertEquals("tm-1-2-cup", TextFolding.slugify("™ ½ cup"))
        assertEquals("abc-123", TextFolding.slugify("\uff21\uff22\uff23 \uff11\uff12\uff13"))
    }

    @Test
    fun slugifySpecialLetters() {
        assertEquals("strasse-und-gruss", TextFolding.slugify("Straße und Gruß"))
        assertEquals("aeroskobing-oeuvre", TextFolding.slugify("Ærøskøbing Œuvre"))
        assertEquals("lodz-dakovo-thorn", TextFolding.slugify("Łódź Đakovo Þorn"))
        assertEquals("istanbul-izmir", TextFolding.slugify("İstanbul ızmir"))
    }

    @Test
    fun slugifyDropsNonLatinScriptsAndFallsBackToUntitled() {
        assertEquals("tokyo-2024", TextFolding.slugify("東京 Tokyo 2024"))
        assertEquals("untitled", TextFolding.slugify("東京"))
        assertEquals("untitled", TextFolding.slugify(""))
        assertEquals("untitled", TextFolding.slugify("!!! ??? ..."))
        assertEquals("a-b", TextFolding.slugify("a\u0000\u00a0\tb"))
    }

    @Test
    fun slugifyTruncation() {
        assertEquals("hello", TextFolding.slugify("Hello World", maxLength = 6))
        assertEquals("hello-w", TextFolding.slugify("Hello World", maxLength = 7))
        assertEquals("h", TextFolding.slugify("Hello World", maxLength = 1))
        assertEquals("hello-world", TextFolding.slugify("Hello World", maxLength = 11))
        assertEquals("strasse", TextFolding.slugify("Straße!", maxLength = 7))
        val long = TextFolding.slugify("word ".repeat(40))
        assertEquals(59, long.length)
        assertTrue(long.startsWith("word-word-") && long.endsWith("word"))
        assertFailsWith<IllegalArgumentException> { TextFolding.slugify("x", maxLength = 0) }
    }
}
