package kateval.tasks.profile

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.StateFlow

/**
 * Caches the profile in a StateFlow and refreshes it from [api] in [scope].
 * See instruction.md for the rules.
 */
class ProfileRepository(
    private val api: ProfileApi,
    private val scope: CoroutineScope,
    private val policy: RetryPolicy = RetryPolicy(),
) {
    val state: StateFlow<CachedProfile>
        get() = TODO("expose the cached profile")

    fun refresh(): Job {
        TODO("start a refresh, or return the one already running")
    }
}
