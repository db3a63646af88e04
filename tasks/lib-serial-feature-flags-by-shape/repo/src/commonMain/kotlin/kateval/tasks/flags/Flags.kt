package kateval.tasks.flags

import kotlinx.serialization.Serializable

/** One remote feature flag. Its JSON has no type field: its shape says what it is. */
@Serializable(with = FlagSerializer::class)
sealed interface Flag {
    val key: String
}

/** On or off for everyone: `{"key": "dark_mode", "enabled": true}`. */
@Serializable
data class Toggle(override val key: String, val enabled: Boolean) : Flag

/** On for a share of users: `{"key": "new_feed", "percent": 25}`. */
@Serializable
data class Rollout(override val key: String, val percent: Int) : Flag

/** One of several variants by weight: `{"key": "paywall", "variants": {"a": 1, "b": 3}}`. */
@Serializable
data class Variants(override val key: String, val variants: Map<String, Int>) : Flag
