package kateval.tasks.usagestats

/** Events per minute in a window of [windowSeconds]; null for an empty window. */
fun eventsPerMinute(events: Int, windowSeconds: Int): Int? {
    TODO()
}

/** [part] as a whole percentage of [whole], rounded half up; null when [whole] is 0. */
fun percentOf(part: Int, whole: Int): Int? {
    TODO()
}

/** The bucket in 0 until [buckets] for [hash]. */
fun bucketOf(hash: Int, buckets: Int): Int {
    TODO()
}

/** Mean session length; null without sessions. */
fun averageSessionSeconds(totalSeconds: Long, sessions: Int): Long? {
    TODO()
}
