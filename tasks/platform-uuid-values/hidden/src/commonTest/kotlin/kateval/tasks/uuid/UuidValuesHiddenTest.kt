package kateval.tasks.uuid

import kotlin.test.*

class UuidValuesHiddenTest {
    private val sample = "123e4567-e89b-42d3-a456-426614174000"

    @Test
    fun parseAndPrintRoundTrip() {
        val u = Uuid.parse(sample)
        assertEquals(0x123e4567e89b42d3L, u.mostSignificantBits)
        assertEquals(-0x5ba9bd99ebe8c000L, u.leastSignificantBits)
        assertEquals(sample, u.toString())
    }

    @Test
    fun printsLowercaseAndZeroPadded() {
        assertEquals("00000000-0000-0000-0000-000000000000", Uuid.NIL.toString())
        assertEquals("00000000-0000-0001-0000-00000000000a", Uuid(1, 10).toString())
        assertEquals("ffffffff-ffff-ffff-ffff-ffffffffffff", Uuid(-1, -1).toString())
        assertEquals(sample, Uuid.parse(sample.uppercase()).toString())
    }

    @Test
    fun rejectsMalformedText() {
        val bad = listOf(
            "", "123e4567e89b42d3a456426614174000", "{123e4567-e89b-42d3-a456-426614174000}",
            "123e4567-e89b-42d3-a456-42661417400", "123e4567-e89b-42d3-a456-4266141740000",
            "123e4567-e89b-42d3-a456_426614174000", "123e4567-e89b-42d3-a4566-26614174000",
            "g23e4567-e89b-42d3-a456-426614174000", "+23e4567-e89b-42d3-a456-426614174000",
            " 23e4567-e89b-42d3-a456-426614174000", "123e4567-e89b-42d3-a456-42661417400\u0660",
        )
        for (t in bad) {
            assertNull(Uuid.parseOrNull(t), t)
            assertFailsWith<IllegalArgumentException>(t) { Uuid.parse(t) }
        }
    }

    @Test
    fun equalityAndHashing() {
        assertEquals(Uuid.parse(sample), Uuid.parse(sample.uppercase()))
        assertEquals(Uuid.parse(sample).hashCode(), Uuid.parse(sample).hashCode())
        assertNotEquals(Uuid(1, 2), Uuid(2, 1))
        assertEquals(2, setOf(Uuid(1, 2), Uuid(1, 2), Uuid(2, 1)).size)
    }

    @Test
    fun versionAndVariant() {
        val u = Uuid.parse(sample)
        assertEquals(4, u.version)
        assertEquals(2, u.variant)
        assertEquals(1, Uuid.parse("c232ab00-9414-11ec-b3c8-9f6bdeced846").version)
        assertEquals(7, Uuid.parse("00000000-0000-0000-e000-000000000000").variant)
        assertEquals(0, Uuid.NIL.variant)
        assertEquals(6, Uuid.parse("00000000-0000-0000-c000-000000000000").variant)
    }

    @Test
    fun orderingIsUnsigned() {
        val ids = listOf("ffffffff-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000001",
            "7fffffff-ffff-ffff-ffff-ffffffffffff", "80000000-0000-0000-0000-000000000000",
            "00000000-0000-0000-8000-000000000000", "00000000-0000-0000-7fff-ffffffffffff")
        val sorted = ids.map { Uuid.parse(it) }.sorted().map { it.toString() }
        assertEquals(ids.sorted(), sorted)
        assertEquals(0, Uuid(5, 6).compareTo(Uuid(5, 6)))
    }

    @Test
    fun bytesRoundTrip() {
        val u = Uuid.parse(sample)
        val bytes = u.toBytes()
        assertEquals(16, bytes.size)
        assertEquals(0x12.toByte(), bytes[0])
        assertEquals(0xa4.toByte(), bytes[8])
        assertEquals(0x00.toByte(), bytes[15])
        assertEquals(u, Uuid.fromBytes(bytes))
        assertEquals(Uuid(-1, -1), Uuid.fromBytes(ByteArray(16) { -1 }))
        assertFailsWith<IllegalArgumentException> { Uuid.fromBytes(ByteArray(15)) }
    }

    @Test
    fun platformUuidsAreCanonicalV4() {
        repeat(50) {
            val text = platformRandomUuid()
            assertEquals(36, text.length)
            val u = Uuid.parse(text)
            assertEquals(text.lowercase(), u.toString())
            assertEquals(4, u.version)
            assertEquals(2, u.variant)
        }
    }

    @Test
    fun randomUuidsAreDistinct() {
        val set = List(200) { Uuid.random() }.toSet()
        assertEquals(200, set.size)
    }
}
