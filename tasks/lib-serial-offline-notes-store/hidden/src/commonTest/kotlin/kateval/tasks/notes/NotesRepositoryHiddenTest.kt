package kateval.tasks.notes

import kateval.tasks.notes.model.Note
import kateval.tasks.notes.storage.KeyValueStore
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlinx.serialization.json.Json
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNull

/** A store in memory whose writes take `latency` ms; records each write's start time and key,
 * and fails the test if two writes overlap. */
class FakeStore(private val scope: TestScope, initial: Map<String, String> = emptyMap(), private val latency: Long = 0) :
    KeyValueStore {
    val values = initial.toMutableMap()
    val writes = mutableListOf<Pair<Long, String>>()
    private var writing = false

    override suspend fun read(key: String): String? = values[key]

    override suspend fun write(key: String, value: String) {
        check(!writing) { "two writes at once" }
        writing = true
        writes += scope.testScheduler.currentTime to key
        try {
            if (latency > 0) delay(latency)
            values[key] = value
        } finally {
            writing = false
        }
    }
}

class NotesRepositoryHiddenTest {
    private fun TestScope.at(millis: Long) {
        advanceTimeBy(millis - testScheduler.currentTime)
        runCurrent()
    }

    private fun TestScope.repository(store: KeyValueStore) = NotesRepository(store, backgroundScope, { testScheduler.currentTime })

    private fun json(text: String) = Json.parseToJsonElement(text)

    @Test
    fun decodeReadsVersionOneAndKeepsTheNewestCopy() {
        assertEquals(listOf(Note("a", "A", true, 5), Note("b", "B new", false, 9)), NotesFile.decode("""
            {"version": 1, "device": "phone", "notes": [
              {"id": "a", "text": "A", "pinned": true, "updatedAt": 5, "color": "red"},
              {"id": "b", "text": "B old", "updatedAt": 3},
              {"id": "b", "text": "B new", "updatedAt": 9},
              {"id": "b", "text": "B older", "updatedAt": 1}]}"""))
        assertEquals(emptyList(), NotesFile.decode("""{"version": 1}"""))
    }

    @Test
    fun decodeRefusesWhatItCannotRead() {
        for (text in listOf("", "notes", "[]", """{"notes": []}""", """{"version": null, "notes": []}""",
                """{"version": 2, "notes": []}""", """{"version": 1, "notes": [{"id": "a", "text": "A"}]}""",
                """{"version": 1, "notes": {"a": 1}}""")) {
            assertNull(NotesFile.decode(text), text)
        }
    }

    @Test
    fun encodeWritesTheFileFormat() {
        assertEquals(json("""{"version":1,"notes":[{"id":"b","text":"B","pinned":true,"updatedAt":7},
            {"id":"a","text":"A","updatedAt":9}]}"""),
            json(NotesFile.encode(listOf(Note("b", "B", true, 7), Note("a", "A", false, 9)))))
        assertEquals(json("""{"version":1,"notes":[]}"""), json(NotesFile.encode(emptyList())))
    }

    @Test
    fun loadSortsTheNotes() = runTest {
        val store = FakeStore(this, mapOf(NotesFile.KEY to """{"version":1,"notes":[
            {"id":"c","text":"C","updatedAt":1},{"id":"a","text":"A","updatedAt":5},
            {"id":"p","text":"P","pinned":true,"updatedAt":0},{"id":"b","text":"B","updatedAt":5}]}"""))
        val repository = repository(store)
        assertEquals(emptyList(), repository.notes.value)
        repository.load()
        assertEquals(listOf("p", "a", "b", "c"), repository.notes.value.map { it.id })
        at(10_000)
        assertEquals(emptyList(), store.writes)
    }

    @Test
    fun nothingStoredMeansNoNotes() = runTest {
        val store = FakeStore(this)
        val repository = repository(store)
        repository.load()
        at(10_000)
        assertEquals(emptyList(), repository.notes.value)
        assertEquals(emptyList(), store.writes)
    }

    @Test
    fun anUnreadableFileIsSetAsideNotOverwrittenByLoad() = runTest {
        val text = """{"version": 2, "notes": [{"id": "x", "text": "from the future", "updatedAt": 1}]}"""
        val store = FakeStore(this, mapOf(NotesFile.KEY to text))
        val repository = repository(store)
        repository.load()
        at(10_000)
        assertEquals(emptyList(), repository.notes.value)
        assertEquals(text, store.values[NotesFile.CORRUPT_KEY])
        assertEquals(text, store.values[NotesFile.KEY])
        assertEquals(listOf(NotesFile.CORRUPT_KEY), store.writes.map { it.second })
    }

    @Test
    fun changesShowAtOnceSorted() = runTest {
        val repository = repository(FakeStore(this))
        repository.load()
        repository.upsert("a", "A")
        at(100)
        repository.upsert("b", "B")
        assertEquals(listOf(Note("b", "B", false, 100), Note("a", "A", false, 0)), repository.notes.value)
        at(200)
        repository.togglePin("a")
        assertEquals(listOf(Note("a", "A", true, 0), Note("b", "B", false, 100)), repository.notes.value)
        at(300)
        repository.upsert("a", "A2")
        assertEquals(listOf(Note("a", "A2", true, 300), Note("b", "B", false, 100)), repository.notes.value)
        repository.delete("a")
        assertEquals(listOf(Note("b", "B", false, 100)), repository.notes.value)
    }

    @Test
    fun savesWaitForAQuietHalfSecond() = runTest {
        val store = FakeStore(this)
        val repository = repository(store)
        repository.load()
        repository.upsert("a", "A")
        at(300)
        repository.upsert("b", "B")
        at(600)
        repository.togglePin("a")
        at(1_099)
        assertEquals(emptyList(), store.writes)
        at(1_100)
        assertEquals(listOf(1_100L to NotesFile.KEY), store.writes)
        assertEquals(json("""{"version":1,"notes":[{"id":"a","text":"A","pinned":true,"updatedAt":0},
            {"id":"b","text":"B","updatedAt":300}]}"""), json(store.values.getValue(NotesFile.KEY)))
    }

    @Test
    fun changesThatChangeNothingAreNotSaved() = runTest {
        val store = FakeStore(this)
        val repository = repository(store)
        repository.load()
        repository.delete("ghost")
        repository.togglePin("ghost")
        at(10_000)
        assertEquals(emptyList(), store.writes)
    }

    @Test
    fun changesDuringASaveAreSavedHalfASecondAfterIt() = runTest {
        val store = FakeStore(this, latency = 300)
        val repository = repository(store)
        repository.load()
        repository.upsert("a", "A")
        at(600)
        repository.upsert("b", "B")
        at(10_000)
        assertEquals(listOf(500L, 1_300L), store.writes.map { it.first })
        assertEquals(listOf("a", "b").sorted(), NotesFile.decode(store.values.getValue(NotesFile.KEY))!!.map { it.id }.sorted())
    }

    @Test
    fun aFileSetAsideIsReplacedByTheNextSave() = runTest {
        val store = FakeStore(this, mapOf(NotesFile.KEY to "{broken"))
        val repository = repository(store)
        repository.load()
        repository.upsert("n", "new start")
        at(10_000)
        assertEquals("{broken", store.values[NotesFile.CORRUPT_KEY])
        assertEquals(listOf(Note("n", "new start", false, 0)), NotesFile.decode(store.values.getValue(NotesFile.KEY)))
    }
}
