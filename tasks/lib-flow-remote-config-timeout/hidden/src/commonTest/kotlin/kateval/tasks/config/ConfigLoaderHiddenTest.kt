package kateval.tasks.config

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

class FakeCache(
    var stored: Map<String, String>? = null,
    private val readFails: Boolean = false,
    private val writeFails: Boolean = false,
) : ConfigCache {
    val writes = mutableListOf<Map<String, String>>()
    var reads = 0

    override suspend fun read(): Map<String, String>? {
        reads++
        delay(10)
        if (readFails) throw IllegalStateException("corrupt cache")
        return stored
    }

    override suspend fun write(values: Map<String, String>) {
        delay(10)
        if (writeFails) throw IllegalStateException("disk full")
        writes += values
        stored = values
    }
}

private val DEFAULTS = mapOf("theme" to "system", "beta" to "off", "limit" to "10")

class ConfigLoaderHiddenTest {
    @Test
    fun aTimelyAnswerIsMergedOverTheDefaultsAndCached() = runTest {
        val cache = FakeCache(stored = mapOf("theme" to "dark"))
        val loader = ConfigLoader({ delay(1_999); mapOf("beta" to "on", "motd" to "hi") }, cache, DEFAULTS)
        assertEquals(LoadedConfig(mapOf("theme" to "system", "beta" to "on", "limit" to "10", "motd" to "hi"),
            ConfigSource.REMOTE), loader.load())
        assertEquals(listOf(mapOf("beta" to "on", "motd" to "hi")), cache.writes)
        assertEquals(0, cache.reads)
    }

    @Test
    fun theTimeLimitIsExactAndTheFetchIsCancelled() = runTest {
        var fetchCancelled = false
        val cache = FakeCache()
        val loader = ConfigLoader({
            try {
                delay(2_001)
            } catch (e: CancellationException) {
                fetchCancelled = true
                throw e
            }
            mapOf("beta" to "on")
        }, cache, DEFAULTS)
        assertEquals(LoadedConfig(DEFAULTS, ConfigSource.DEFAULTS), loader.load())
        assertTrue(fetchCancelled)
        assertEquals(2_010L, testScheduler.currentTime)
        assertEquals(emptyList(), cache.writes)
    }

    @Test
    fun theTimeLimitIsTheConstructorArgument() = runTest {
        val loader = ConfigLoader({ delay(600); mapOf("beta" to "on") }, FakeCache(mapOf("limit" to "99")), DEFAULTS,
            timeoutMillis = 500)
        assertEquals(LoadedConfig(DEFAULTS + mapOf("limit" to "99"), ConfigSource.CACHE), loader.load())
        assertEquals(510L, testScheduler.currentTime)
    }

    @Test
    fun aFailedFetchFallsBackAtOnce() = runTest {
        val loader = ConfigLoader({ delay(50); throw IllegalStateException("HTTP 503") }, FakeCache(mapOf("beta" to "on")),
            DEFAULTS)
        assertEquals(LoadedConfig(DEFAULTS + mapOf("beta" to "on"), ConfigSource.CACHE), loader.load())
        assertEquals(60L, testScheduler.currentTime)
    }

    @Test
    fun noCacheMeansDefaults() = runTest {
        val cache = FakeCache(stored = null)
        val loader = ConfigLoader({ throw IllegalStateException("offline") }, cache, DEFAULTS)
        assertEquals(LoadedConfig(DEFAULTS, ConfigSource.DEFAULTS), loader.load())
        assertEquals(1, cache.reads)
    }

    @Test
    fun anUnreadableCacheMeansDefaults() = runTest {
        val loader = ConfigLoader({ throw IllegalStateException("offline") }, FakeCache(mapOf("a" to "b"), readFails = true),
            DEFAULTS)
        assertEquals(LoadedConfig(DEFAULTS, ConfigSource.DEFAULTS), loader.load())
    }

    @Test
    fun anUnwritableCacheStillGivesTheRemoteConfig() = runTest {
        val loader = ConfigLoader({ mapOf("theme" to "dark") }, FakeCache(writeFails = true), DEFAULTS)
        assertEquals(LoadedConfig(DEFAULTS + mapOf("theme" to "dark"), ConfigSource.REMOTE), loader.load())
    }

    @Test
    fun anEmptyAnswerIsStillAnAnswer() = runTest {
        val cache = FakeCache(mapOf("theme" to "dark"))
        val loader = ConfigLoader({ emptyMap() }, cache, DEFAULTS)
        assertEquals(LoadedConfig(DEFAULTS, ConfigSource.REMOTE), loader.load())
        assertEquals(listOf(emptyMap<String, String>()), cache.writes)
    }

    @Test
    fun cancellingTheCallerIsNotAFallback() = runTest {
        val cache = FakeCache(mapOf("theme" to "dark"))
        val loader = ConfigLoader({ delay(1_000); mapOf("beta" to "on") }, cache, DEFAULTS)
        val call = async { loader.load() }
        advanceTimeBy(300)
        call.cancel()
        runCurrent()
        advanceTimeBy(10_000)
        assertTrue(call.isCancelled)
        assertEquals(0, cache.reads)
        assertEquals(emptyList(), cache.writes)
    }
}
