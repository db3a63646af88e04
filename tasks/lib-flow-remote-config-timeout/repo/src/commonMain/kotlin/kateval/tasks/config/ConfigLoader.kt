package kateval.tasks.config

/** Loads the app's config at start-up. See instruction.md for the rules. */
class ConfigLoader(
    private val remote: RemoteConfig,
    private val cache: ConfigCache,
    private val defaults: Map<String, String>,
    private val timeoutMillis: Long = 2_000,
) {
    suspend fun load(): LoadedConfig = TODO()
}
