package kateval.tasks.naturalsort

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

class NaturalOrderHiddenTest {
    private fun lt(a: String, b: String) {
        assertTrue(NaturalOrder.compare(a, b) < 0, "$a < $b")
        assertTrue(NaturalOrder.compare(b, a) > 0, "$b > $a")
    }

    @Test
    fun numbersCompareByValue() {
        assertEquals(listOf("file1", "file2", "file10", "file100"), naturalSorted(listOf("file10", "file2", "file100", "file1")))
        lt("v1.9", "v1.10")
        lt("a9b", "a10a")
    }

    @Test
    fun hugeDigitRuns() {
        lt("x99999999999999999999999", "x100000000000000000000000")
        lt("x123456789012345678901234567890", "x123456789012345678901234567891")
        lt("x0000000000000000000000000000009", "x10")
    }

    @Test
    fun numbersBeforeText() {
        lt("1abc", "abc")
        lt("a1", "ab")
        lt("a", "a1")
        lt("", "a")
    }

    @Test
    fun caseIsIgnoredForTheMainOrder() {
        assertEquals(listOf("apple", "Banana", "cherry"), naturalSorted(listOf("cherry", "Banana", "apple")))
        lt("Report2", "report10")
        lt("ÄPFEL", "äpfelz")
        lt("Ωmega1", "ωmega2")
    }

    @Test
    fun caseTieBreakUsesPlainOrder() {
        lt("ABC", "abc")
        lt("File1", "file1")
        assertEquals(listOf("A", "a", "b"), naturalSorted(listOf("b", "a", "A")))
    }

    @Test
    fun leadingZerosBreakTies() {
        assertEquals(listOf("7", "07", "007"), naturalSorted(listOf("007", "7", "07")))
        lt("a7b01", "a07b1")
        lt("a01", "a1x")
        assertEquals(0, NaturalOrder.compare("img007", "img007"))
    }

    @Test
    fun nonAsciiDigitsAreText() {
        lt("9", "٣")
        assertEquals(listOf("a2", "a10", "a٢"), naturalSorted(listOf("a٢", "a10", "a2")))
    }

    @Test
    fun textAroundNumbers() {
        val names = listOf("IMG_0010.jpg", "img_2.JPG", "IMG_2.jpg", "img_1.jpg", "img_10a.jpg", "img_10.jpg", "img.jpg")
        assertEquals(listOf("img.jpg", "img_1.jpg", "IMG_2.jpg", "img_2.JPG", "img_10.jpg", "IMG_0010.jpg", "img_10a.jpg"), naturalSorted(names))
    }

    @Test
    fun orderIsConsistentWithEquals() {
        val names = listOf("a", "A", "a1", "a01", "A1", "a001", "b", "")
        for (x in names) for (y in names) {
            assertEquals(x == y, NaturalOrder.compare(x, y) == 0, "$x vs $y")
            assertEquals(NaturalOrder.compare(x, y) > 0, NaturalOrder.compare(y, x) < 0)
        }
    }
}
