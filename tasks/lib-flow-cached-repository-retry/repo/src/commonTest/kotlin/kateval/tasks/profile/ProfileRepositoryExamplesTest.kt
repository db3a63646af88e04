package kateval.tasks.profile

import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class ProfileRepositoryExamplesTest {
    @Test
    fun twoTransientFailuresThenSuccess() = runTest {
        val calls = mutableListOf<Long>()
        val api = ProfileApi {
            calls += testScheduler.currentTime
            if (calls.size < 3) throw TransientException("busy") else Profile("u1", "Ada")
        }
        val repository = ProfileRepository(api, backgroundScope)
        repository.refresh().join()
        assertEquals(listOf(0L, 500L, 1500L), calls)
        assertEquals(CachedProfile(profile = Profile("u1", "Ada")), repository.state.value)
    }
}
