package kateval.tasks.settings

import kotlin.test.Test
import kotlin.test.assertEquals

class SettingsFileExamplesTest {
    @Test
    fun versionOneWithoutAVersionField() {
        assertEquals(Settings(appearance = Appearance(Theme.DARK, 1.5)),
            SettingsFile.read("""{"theme": "dark", "fontSize": 21}"""))
    }
}
