package kateval.tasks.iot

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotEquals
import kotlin.test.assertTrue

class IotReadingsHiddenTest {
    private val kitchen = DeviceId("kitchen-01")

    @Test
    fun validDeviceIds() {
        for (id in listOf("abc", "kitchen-01", "a-b-c", "x99", "a".repeat(32), "garage-door-2")) {
            assertTrue(isValidDeviceId(id), id)
            assertEquals(id, DeviceId(id).raw)
        }
    }

    @Test
    fun invalidDeviceIds() {
        val bad = listOf("", "ab", "a".repeat(33), "Kitchen", "1abc", "-abc", "abc-", "ab--c", "ab c", "ab_c", "café", "abç", "ab.c")
        for (id in bad) {
            assertFalse(isValidDeviceId(id), id)
            assertFailsWith<IllegalArgumentException>(id) { DeviceId(id) }
        }
    }

    @Test
    fun deviceIdEquality() {
        assertEquals(DeviceId("hall-2"), DeviceId("hall-2"))
        assertEquals(DeviceId("hall-2").hashCode(), DeviceId("hall-2").hashCode())
        assertNotEquals(DeviceId("hall-2"), DeviceId("hall-3"))
        assertEquals(Reading.Temperature(kitchen, 10), Reading.Temperature(DeviceId("kitchen-01"), 10))
    }

    @Test
    fun describeTemperature() {
        assertEquals("kitchen-01: temperature 21.5°C", Reading.Temperature(kitchen, 215).describe())
        assertEquals("kitchen-01: temperature 0.0°C", Reading.Temperature(kitchen, 0).describe())
        assertEquals("kitchen-01: temperature -0.5°C", Reading.Temperature(kitchen, -5).describe())
        assertEquals("kitchen-01: temperature -12.0°C", Reading.Temperature(kitchen, -120).describe())
        assertEquals("kitchen-01: temperature 100.5°C", Reading.Temperature(kitchen, 1005).describe())
        assertEquals("kitchen-01: temperature 3.0°C", Reading.Temperature(kitchen, 30).describe())
    }

    @Test
    fun describeOtherReadings() {
        assertEquals("kitchen-01: humidity 45%", Reading.Humidity(kitchen, 45).describe())
        assertEquals("kitchen-01: door open", Reading.DoorContact(kitchen, true).describe())
        assertEquals("kitchen-01: door closed", Reading.DoorContact(kitchen, false).describe())
        assertEquals("kitchen-01: battery 0%", Reading.Battery(kitchen, 0).describe())
    }

    @Test
    fun alertBoundaries() {
        assertFalse(Reading.Temperature(kitchen, 400).isAlert())
        assertTrue(Reading.Temperature(kitchen, 401).isAlert())
        assertFalse(Reading.Temperature(kitchen, -100).isAlert())
        assertTrue(Reading.Temperature(kitchen, -101).isAlert())
        assertFalse(Reading.Humidity(kitchen, 84).isAlert())
        assertTrue(Reading.Humidity(kitchen, 85).isAlert())
        assertTrue(Reading.DoorContact(kitchen, true).isAlert())
        assertFalse(Reading.DoorContact(kitchen, false).isAlert())
        assertTrue(Reading.Battery(kitchen, 14).isAlert())
        assertFalse(Reading.Battery(kitchen, 15).isAlert())
    }

    @Test
    fun summarizeEmpty() {
        assertEquals(emptyList(), summarize(emptyList()))
    }

    @Test
    fun summarizeSortsAndCounts() {
        val hall = DeviceId("hall")
        val attic = DeviceId("attic-sensor")
        val readings = listOf(
            Reading.Temperature(kitchen, 215),
            Reading.DoorContact(hall, true),
            Reading.Battery(kitchen, 10),
            Reading.Temperature(attic, 450),
            Reading.Temperature(kitchen, -20),
            Reading.Humidity(kitchen, 90),
            Reading.DoorContact(hall, false),
            Reading.Humidity(attic, 50),
        )
        assertEquals(
            listOf(
                DeviceSummary(attic, 2, 1, 450),
                DeviceSummary(hall, 2, 1, null),
                DeviceSummary(kitchen, 4, 2, -20),
            ),
            summarize(readings),
        )
    }

    @Test
    fun summarizeUsesStringOrder() {
        val ids = listOf("b-10", "b-2", "a-9", "b-1").map { DeviceId(it) }
        val result = summarize(ids.map { Reading.Battery(it, 50) })
        assertEquals(listOf("a-9", "b-1", "b-10", "b-2"), result.map { it.device.raw })
    }
}
