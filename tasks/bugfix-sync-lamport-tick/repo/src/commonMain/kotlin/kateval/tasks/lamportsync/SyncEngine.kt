package kateval.tasks.lamportsync

/** One device's replica of the settings. */
class SyncEngine(val node: String) {
    private val clock = LamportClock()
    private val values = mutableMapOf<String, Stamped>()
    private val outbox = mutableListOf<Pair<String, Stamped>>()

    val now: Long get() = clock.time

    fun set(key: String, value: String) {
        val stamped = Stamped(value, clock.tick(), node)
        values[key] = stamped
        outbox += key to stamped
    }

    operator fun get(key: String): String? = values[key]?.value

    /** Applies changes received from another replica. */
    fun pull(changes: List<Pair<String, Stamped>>) {
        for ((key, remote) in changes) {
            clock.observe(remote.time)
            values[key] = merge(values[key], remote)!!
        }
    }

    /** Hands out the local changes since the last push. */
    fun push(): List<Pair<String, Stamped>> = outbox.toList().also { outbox.clear() }

    /** The full state, for a fresh replica. */
    fun snapshot(): List<Pair<String, Stamped>> = values.entries.map { it.key to it.value }
}
