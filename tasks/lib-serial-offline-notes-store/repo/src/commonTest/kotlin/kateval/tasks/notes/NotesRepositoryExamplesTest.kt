package kateval.tasks.notes

import kateval.tasks.notes.model.Note
import kateval.tasks.notes.storage.KeyValueStore
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class NotesRepositoryExamplesTest {
    @Test
    fun aNoteIsShownAtOnceAndSavedHalfASecondLater() = runTest {
        val stored = mutableMapOf<String, String>()
        val store = object : KeyValueStore {
            override suspend fun read(key: String) = stored[key]
            override suspend fun write(key: String, value: String) { stored[key] = value }
        }
        val repository = NotesRepository(store, backgroundScope, { testScheduler.currentTime })
        repository.load()
        repository.upsert("n1", "Buy milk")
        assertEquals(listOf(Note("n1", "Buy milk", updatedAt = 0)), repository.notes.value)
        advanceTimeBy(500)
        runCurrent()
        assertEquals(listOf(Note("n1", "Buy milk", updatedAt = 0)), NotesFile.decode(stored.getValue(NotesFile.KEY)))
    }
}
