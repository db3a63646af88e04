package kateval.tasks.config

import kotlinx.coroutines.delay
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class ConfigLoaderExamplesTest {
    @Test
    fun aSlowFetchFallsBackToTheCache() = runTest {
        val cache = object : ConfigCache {
            override suspend fun read() = mapOf("theme" to "dark")
            override suspend fun write(values: Map<String, String>) {}
        }
        val loader = ConfigLoader({ delay(5_000); mapOf("theme" to "light") }, cache, mapOf("theme" to "system", "beta" to "off"))
        assertEquals(LoadedConfig(mapOf("theme" to "dark", "beta" to "off"), ConfigSource.CACHE), loader.load())
        assertEquals(2_000L, testScheduler.currentTime)
    }
}
