package kateval.tasks.drafts

import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class DraftAutosaverExamplesTest {
    @Test
    fun savesAfterAQuietSecond() = runTest {
        val saves = mutableListOf<Pair<Long, String>>()
        val saver = DraftAutosaver({ saves += testScheduler.currentTime to it }, backgroundScope)
        for (text in listOf("H", "He", "Hey")) {
            saver.edit(text)
            advanceTimeBy(400)
        }
        advanceTimeBy(60_000)
        runCurrent()
        assertEquals(listOf(1_800L to "Hey"), saves)
        assertEquals(SaveStatus(text = "Hey", lastSaved = "Hey"), saver.status.value)
    }
}
