package kateval.tasks.settings

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.boolean
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlin.test.Test
import kotlin.test.assertEquals

class SettingsFileHiddenTest {
    private val quiet = QuietHours("22:00", "07:00")

    @Test
    fun versionOneMigratesEveryField() {
        assertEquals(Settings(Appearance(Theme.LIGHT, 0.5), Notifications(enabled = false)),
            SettingsFile.read("""{"version": 1, "theme": "light", "fontSize": 7, "notifications": false}"""))
    }

    @Test
    fun versionOneMissingFieldsTakeDefaults() {
        assertEquals(Settings(), SettingsFile.read("""{"version": 1}"""))
        assertEquals(Settings(notifications = Notifications(enabled = false)),
            SettingsFile.read("""{"notifications": false, "legacyFlag": 3}"""))
        assertEquals(Settings(appearance = Appearance(fontScale = 2.0)), SettingsFile.read("""{"fontSize": 28}"""))
    }

    @Test
    fun versionOneThemesAreFreeTextToo() {
        assertEquals(Theme.DARK, SettingsFile.read("""{"theme": " NIGHT "}""").appearance.theme)
        assertEquals(Theme.SYSTEM, SettingsFile.read("""{"theme": "auto"}""").appearance.theme)
    }

    @Test
    fun versionTwoThemesAreMapped() {
        fun theme(text: String) =
            SettingsFile.read("""{"version": 2, "appearance": {"theme": "$text"}}""").appearance.theme
        assertEquals(Theme.DARK, theme("Dark"))
        assertEquals(Theme.DARK, theme(" dark "))
        assertEquals(Theme.DARK, theme("Night"))
        assertEquals(Theme.LIGHT, theme("LIGHT"))
        assertEquals(Theme.SYSTEM, theme("auto"))
        assertEquals(Theme.SYSTEM, theme("solarized"))
        assertEquals(Theme.SYSTEM, theme("system"))
    }

    @Test
    fun versionTwoKeepsEverythingElse() {
        assertEquals(Settings(Appearance(Theme.DARK, 1.5), Notifications(false, quiet)),
            SettingsFile.read("""{"version": 2, "appearance": {"theme": "Dark", "fontScale": 1.5},
                "notifications": {"enabled": false, "quietHours": {"from": "22:00", "to": "07:00"}}}"""))
    }

    @Test
    fun versionThreeIsReadAsItIs() {
        assertEquals(Settings(Appearance(Theme.LIGHT, 0.9), Notifications(true, quiet), syncOnCellular = true),
            SettingsFile.read("""{"version": 3, "appearance": {"theme": "light", "fontScale": 0.9},
                "notifications": {"quietHours": {"from": "22:00", "to": "07:00"}}, "syncOnCellular": true,
                "experiments": ["a"]}"""))
    }

    @Test
    fun versionThreeDoesNotMapThemesAgain() {
        assertEquals(Theme.SYSTEM, SettingsFile.read("""{"version": 3, "appearance": {"theme": "Dark"}}""").appearance.theme)
        assertEquals(Theme.DARK, SettingsFile.read("""{"version": 3, "appearance": {"theme": "dark"}}""").appearance.theme)
    }

    @Test
    fun wrongTypesTakeTheirDefaults() {
        assertEquals(Settings(appearance = Appearance(Theme.DARK, 1.0), syncOnCellular = false),
            SettingsFile.read("""{"version": 3, "appearance": {"theme": "dark", "fontScale": null},
                "syncOnCellular": null}"""))
    }

    @Test
    fun newerAndOlderVersionNumbers() {
        assertEquals(Settings(syncOnCellular = true),
            SettingsFile.read("""{"version": 7, "syncOnCellular": true, "theme": "dark"}"""))
        assertEquals(Settings(appearance = Appearance(Theme.DARK)),
            SettingsFile.read("""{"version": 0, "theme": "dark"}"""))
    }

    @Test
    fun damagedFilesGiveDefaults() {
        for (text in listOf("", "{", "null", "[1, 2]", "\"settings\"", """{"version": 3, "appearance": 5}""",
                """{"version": 3, "notifications": {"quietHours": {"from": "22:00"}}}""")) {
            assertEquals(Settings(), SettingsFile.read(text), "for $text")
        }
    }

    @Test
    fun writesVersionThreeWithEveryField() {
        // Compared field by field: JS prints the Double 1.0 as "1", the JVM as "1.0".
        val written = Json.parseToJsonElement(SettingsFile.write(Settings())).jsonObject
        assertEquals(setOf("version", "appearance", "notifications", "syncOnCellular"), written.keys)
        assertEquals(3, written.getValue("version").jsonPrimitive.int)
        val appearance = written.getValue("appearance").jsonObject
        assertEquals(setOf("theme", "fontScale"), appearance.keys)
        assertEquals("system", appearance.getValue("theme").jsonPrimitive.content)
        assertEquals(1.0, appearance.getValue("fontScale").jsonPrimitive.double)
        assertEquals(Json.parseToJsonElement("""{"enabled": true, "quietHours": null}"""), written["notifications"])
        assertEquals(false, written.getValue("syncOnCellular").jsonPrimitive.boolean)
    }

    @Test
    fun writtenFilesReadBackUnchanged() {
        val settings = Settings(Appearance(Theme.DARK, 1.25), Notifications(false, quiet), syncOnCellular = true)
        val text = SettingsFile.write(settings)
        assertEquals(3, Json.parseToJsonElement(text).jsonObject["version"].toString().toInt())
        assertEquals(settings, SettingsFile.read(text))
        assertEquals(Json.parseToJsonElement(text), Json.parseToJsonElement(SettingsFile.write(SettingsFile.read(text))))
    }
}

