package kateval.tasks.sync

import kotlinx.coroutines.delay
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class SyncEngineExamplesTest {
    @Test
    fun twoAtATime() = runTest {
        val started = mutableListOf<Long>()
        val engine = SyncEngine({ name -> started += testScheduler.currentTime; delay(100); name.length },
            backgroundScope)
        engine.syncAll(listOf("contacts", "notes", "photos", "tags")).join()
        assertEquals(listOf(0L, 0L, 100L, 100L), started)
        assertEquals(SyncStatus(done = mapOf("contacts" to 8, "notes" to 5, "photos" to 6, "tags" to 4)),
            engine.status.value)
    }
}
