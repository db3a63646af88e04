package kateval.tasks.validation

data class SensorConfig(val name: String, val intervalSeconds: Int, val tags: List<String>)

sealed interface ConfigError {
    data class Missing(val field: String) : ConfigError
    data class NotANumber(val field: String, val value: String) : ConfigError
    data class OutOfRange(val field: String, val value: Int) : ConfigError
    data class BadTag(val index: Int) : ConfigError
}

/** Builds a [SensorConfig] from raw key/value fields, collecting every error; see instruction.md. */
fun parseSensorConfig(fields: Map<String, String>): Validated<ConfigError, SensorConfig> = TODO("parseSensorConfig")
