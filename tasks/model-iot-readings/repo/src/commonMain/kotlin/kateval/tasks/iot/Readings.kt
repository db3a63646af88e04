package kateval.tasks.iot

/** Identifier of a sensor device, e.g. "kitchen-01". */
@kotlin.jvm.JvmInline
value class DeviceId(val raw: String) {
    init {
        require(isValidDeviceId(raw)) { "invalid device id: '$raw'" }
    }
}

/** Returns true when [raw] is an acceptable device id; see instruction.md. */
fun isValidDeviceId(raw: String): Boolean = TODO("isValidDeviceId")

/** A single reading reported by a device. */
sealed interface Reading {
    val device: DeviceId

    /** Temperature in tenths of a degree Celsius (215 = 21.5 °C). */
    data class Temperature(override val device: DeviceId, val deciCelsius: Int) : Reading

    data class Humidity(override val device: DeviceId, val percent: Int) : Reading {
        init {
            require(percent in 0..100) { "humidity out of range" }
        }
    }

    data class DoorContact(override val device: DeviceId, val open: Boolean) : Reading

    data class Battery(override val device: DeviceId, val percent: Int) : Reading {
        init {
            require(percent in 0..100) { "battery level out of range" }
        }
    }
}

data class DeviceSummary(
    val device: DeviceId,
    val readingCount: Int,
    val alertCount: Int,
    val lastTemperatureDeciCelsius: Int?,
)

/** One-line text for a reading, e.g. "kitchen-01: temperature 21.5°C". */
fun Reading.describe(): String = TODO("describe")

/** Whether this reading should raise an alert. */
fun Reading.isAlert(): Boolean = TODO("isAlert")

/** Per-device summary, sorted by device id. */
fun summarize(readings: List<Reading>): List<DeviceSummary> = TODO("summarize")
