package kateval.tasks.rollout

/** MurmurHash3 x86_32 of [data]. */
fun murmur3x86_32(data: ByteArray, seed: Int = 0): Int {
    TODO()
}

/** The user's bucket 0..9999 for [flag]. */
fun rolloutBucket(userId: String, flag: String): Int {
    TODO()
}

/** Whether [flag] is on for [userId] at a rollout of [basisPoints] / 10 000. */
fun isEnabled(userId: String, flag: String, basisPoints: Int): Boolean {
    TODO()
}

/** "24.60%" for bucket 2460. */
fun bucketLabel(bucket: Int): String {
    TODO()
}
