package kateval.tasks.profile

/** The signed-in user's profile, as the backend returns it. */
data class Profile(val id: String, val displayName: String)

/** What the profile screen shows: the cached profile (if any) and how the last refresh went. */
data class CachedProfile(
    val profile: Profile? = null,
    val refreshing: Boolean = false,
    val lastError: String? = null,
)

/** The backend call. Throws [TransientException] for failures worth retrying. */
fun interface ProfileApi {
    suspend fun fetch(): Profile
}

/** A failure that may go away on its own (a timeout, a 503): worth another attempt. */
class TransientException(message: String) : Exception(message)

/**
 * How often and how patiently a refresh retries: at most [maxAttempts] calls in all; the wait
 * after failed attempt n (1-based) is initialDelayMillis * factor^(n-1), capped at maxDelayMillis.
 */
data class RetryPolicy(
    val maxAttempts: Int = 4,
    val initialDelayMillis: Long = 500,
    val factor: Double = 2.0,
    val maxDelayMillis: Long = 5_000,
)
