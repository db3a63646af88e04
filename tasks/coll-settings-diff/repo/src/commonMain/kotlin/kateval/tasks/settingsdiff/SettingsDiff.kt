package kateval.tasks.settingsdiff

sealed interface SettingValue {
    data class Bool(val value: Boolean) : SettingValue
    data class Text(val value: String) : SettingValue
    data class Number(val value: Long) : SettingValue
    data class Choice(val value: String) : SettingValue
}

data class SettingDef(val key: String, val section: String, val default: SettingValue, val restartRequired: Boolean = false)

sealed interface Change {
    val key: String

    data class Added(override val key: String, val new: SettingValue) : Change
    data class Removed(override val key: String, val old: SettingValue) : Change
    data class Modified(override val key: String, val old: SettingValue, val new: SettingValue) : Change
}

data class SettingsDiff(
    val changes: List<Change>,
    val bySection: Map<String, List<Change>>,
    val restartRequired: Boolean,
)

/** What saving [edited] over [saved] changes. See instruction.md. */
fun diffSettings(defs: List<SettingDef>, saved: Map<String, SettingValue>, edited: Map<String, SettingValue>): SettingsDiff {
    TODO("diffSettings")
}
