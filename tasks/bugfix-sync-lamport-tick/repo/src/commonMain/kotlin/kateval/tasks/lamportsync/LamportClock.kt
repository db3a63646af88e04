package kateval.tasks.lamportsync

/**
 * A Lamport clock. [tick] advances it by one for a local event and returns the **new** time,
 * which stamps that event. [observe] is called with the time of every remote event received;
 * afterwards the clock is at least that time, so the next [tick] orders later local events
 * after the remote one.
 */
class LamportClock(start: Long = 0) {
    var time: Long = start
        private set

    fun tick(): Long {
        return time++
    }

    fun observe(remote: Long) {
        time = maxOf(time, remote)
    }
}
