package kateval.tasks.settingsdiff

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class SettingsDiffHiddenTest {
    private val t = SettingValue.Bool(true)
    private val f = SettingValue.Bool(false)
    private fun text(s: String) = SettingValue.Text(s)
    private fun num(n: Long) = SettingValue.Number(n)
    private fun choice(s: String) = SettingValue.Choice(s)

    private val defs = listOf(
        SettingDef("notifications.enabled", "Notifications", t),
        SettingDef("display.theme", "Display", choice("system")),
        SettingDef("notifications.sound", "Notifications", text("ping")),
        SettingDef("display.fontScale", "Display", num(100), restartRequired = true),
        SettingDef("account.nickname", "Account", text("")),
    )

    @Test
    fun noChanges() {
        val d = diffSettings(defs, emptyMap(), emptyMap())
        assertEquals(SettingsDiff(emptyList(), emptyMap(), false), d)
    }

    @Test
    fun defaultsFillMissingKeys() {
        assertTrue(diffSettings(defs, mapOf("display.theme" to choice("system")), emptyMap()).changes.isEmpty())
        val d = diffSettings(defs, emptyMap(), mapOf("notifications.enabled" to f))
        assertEquals(listOf<Change>(Change.Modified("notifications.enabled", t, f)), d.changes)
        val back = diffSettings(defs, mapOf("display.theme" to choice("dark")), emptyMap())
        assertEquals(listOf<Change>(Change.Modified("display.theme", choice("dark"), choice("system"))), back.changes)
    }

    @Test
    fun changesFollowDefinitionOrder() {
        val d = diffSettings(defs, emptyMap(), mapOf(
            "account.nickname" to text("ada"),
            "display.fontScale" to num(120),
            "notifications.enabled" to f,
        ))
        assertEquals(listOf("notifications.enabled", "display.fontScale", "account.nickname"), d.changes.map { it.key })
    }

    @Test
    fun groupedBySectionInFirstAppearanceOrder() {
        val d = diffSettings(defs, emptyMap(), mapOf(
            "account.nickname" to text("ada"),
            "notifications.sound" to text("chime"),
            "display.theme" to choice("dark"),
            "notifications.enabled" to f,
        ))
        assertEquals(listOf("Notifications", "Display", "Account"), d.bySection.keys.toList())
        assertEquals(listOf("notifications.enabled", "notifications.sound"), d.bySection.getValue("Notifications").map { it.key })
    }

    @Test
    fun restartFlag() {
        assertFalse(diffSettings(defs, emptyMap(), mapOf("display.theme" to choice("dark"))).restartRequired)
        assertTrue(diffSettings(defs, emptyMap(), mapOf("display.fontScale" to num(90))).restartRequired)
        assertFalse(diffSettings(defs, mapOf("display.fontScale" to num(100)), emptyMap()).restartRequired)
    }

    @Test
    fun textComparesTrimmed() {
        assertTrue(diffSettings(defs, mapOf("notifications.sound" to text("ping")), mapOf("notifications.sound" to text(" ping  "))).changes.isEmpty())
        assertTrue(diffSettings(defs, emptyMap(), mapOf("account.nickname" to text("   "))).changes.isEmpty())
        val d = diffSettings(defs, mapOf("notifications.sound" to text(" ping")), mapOf("notifications.sound" to text("pong ")))
        assertEquals(listOf<Change>(Change.Modified("notifications.sound", text(" ping"), text("pong "))), d.changes)
        assertEquals(1, diffSettings(defs, emptyMap(), mapOf("display.theme" to text("system"))).changes.size)
    }

    @Test
    fun unknownKeysAreSortedAndGroupedLast() {
        val d = diffSettings(
            defs,
            mapOf("zeta.flag" to t, "beta.old" to num(1), "same" to text("x")),
            mapOf("alpha.new" to f, "beta.old" to num(2), "same" to text("x "), "display.theme" to choice("light")),
        )
        assertEquals(listOf<Change>(
            Change.Modified("display.theme", choice("system"), choice("light")),
            Change.Added("alpha.new", f),
            Change.Modified("beta.old", num(1), num(2)),
            Change.Removed("zeta.flag", t),
        ), d.changes)
        assertEquals(listOf("Display", "other"), d.bySection.keys.toList())
        assertEquals(listOf("alpha.new", "beta.old", "zeta.flag"), d.bySection.getValue("other").map { it.key })
        assertFalse(d.restartRequired)
    }

    @Test
    fun typeChangeIsAModification() {
        val d = diffSettings(defs, mapOf("display.fontScale" to text("100")), emptyMap())
        assertEquals(listOf<Change>(Change.Modified("display.fontScale", text("100"), num(100))), d.changes)
    }

    @Test
    fun duplicateDefinitionsAreRejected() {
        assertFailsWith<IllegalArgumentException> {
            diffSettings(defs + SettingDef("display.theme", "Other", choice("x")), emptyMap(), emptyMap())
        }
    }
}
