package kateval.tasks.lrucache

/** The current time in milliseconds. */
fun interface Clock {
    fun nowMillis(): Long
}

/** A least-recently-used cache whose entries also expire [ttlMillis] after they were written. */
class ExpiringLruCache<K, V>(val capacity: Int, val ttlMillis: Long, private val clock: Clock) {
    var evictionCount: Int = 0
        private set

    val size: Int
        get() = TODO()

    fun get(key: K): V? {
        TODO()
    }

    fun put(key: K, value: V) {
        TODO()
    }

    fun remove(key: K): V? {
        TODO()
    }

    fun keys(): List<K> {
        TODO()
    }
}
