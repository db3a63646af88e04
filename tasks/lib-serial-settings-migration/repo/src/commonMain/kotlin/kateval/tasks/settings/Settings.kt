package kateval.tasks.settings

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** The app's settings as version 3 of the file format knows them. */
@Serializable
data class Settings(
    val appearance: Appearance = Appearance(),
    val notifications: Notifications = Notifications(),
    val syncOnCellular: Boolean = false,
)

@Serializable
data class Appearance(val theme: Theme = Theme.SYSTEM, val fontScale: Double = 1.0)

@Serializable
enum class Theme {
    @SerialName("light") LIGHT,
    @SerialName("dark") DARK,
    @SerialName("system") SYSTEM,
}

@Serializable
data class Notifications(val enabled: Boolean = true, val quietHours: QuietHours? = null)

/** Hours as "HH:mm", e.g. from "22:00" to "07:00". */
@Serializable
data class QuietHours(val from: String, val to: String)
