package kateval.tasks.config

/** Fetches the remote config (a network call). */
fun interface RemoteConfig {
    suspend fun fetch(): Map<String, String>
}

/** The copy of the last remote config that was fetched, kept on disk. */
interface ConfigCache {
    suspend fun read(): Map<String, String>?
    suspend fun write(values: Map<String, String>)
}

enum class ConfigSource { REMOTE, CACHE, DEFAULTS }

data class LoadedConfig(val values: Map<String, String>, val source: ConfigSource)
