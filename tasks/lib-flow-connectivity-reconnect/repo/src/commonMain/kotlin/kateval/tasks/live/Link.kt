package kateval.tasks.live

/** An open connection to the live server. */
fun interface Session {
    /** Suspends while the connection is open; returns when the server closes it, throws when it breaks. */
    suspend fun awaitClose()
}

/** Opens a connection; throws when it cannot. */
fun interface Connector {
    suspend fun open(): Session
}

/** What the connection banner shows. */
sealed interface LinkState {
    /** No network: nothing is tried. */
    object Offline : LinkState {
        override fun toString() = "Offline"
    }

    /** Opening attempt number `attempt` of the current run of failures (1 for the first). */
    data class Connecting(val attempt: Int) : LinkState

    object Online : LinkState {
        override fun toString() = "Online"
    }

    /** Waiting `delayMillis` before attempt number `nextAttempt`. */
    data class Waiting(val nextAttempt: Int, val delayMillis: Long) : LinkState
}
