package kateval.tasks.singleflight

import kotlinx.coroutines.CoroutineScope

/**
 * Loads values by key, sharing one in-flight [load] between all concurrent callers of the same key
 * ("single flight") and caching successful results for [ttlMillis] according to [clock].
 *
 * Loads run as coroutines in [scope], not in the callers' coroutines.
 * The exact contract is in the task instruction.
 */
class CoalescingLoader<K, V>(
    private val scope: CoroutineScope,
    private val ttlMillis: Long,
    private val clock: () -> Long,
    private val load: suspend (K) -> V,
) {
    /** Returns a fresh cached value, joins an in-flight load, or starts a new load for [key]. */
    suspend fun get(key: K): V {
        TODO("get")
    }

    /** The fresh cached value for [key], or null. Never starts a load. */
    fun peek(key: K): V? {
        TODO("peek")
    }

    /** Forgets the cached value for [key] and detaches any in-flight load for it. */
    fun invalidate(key: K) {
        TODO("invalidate")
    }

    /** Keys that currently have an (attached) in-flight load. */
    val inFlightKeys: Set<K>
        get() = TODO("inFlightKeys")

    /** Cancels all in-flight loads, clears the cache and rejects further [get] calls. */
    fun close() {
        TODO("close")
    }
}
