package kateval.tasks.hedge

import kotlinx.coroutines.delay
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class HedgedExamplesTest {
    @Test
    fun theBackupWinsWhenThePrimaryIsSlow() = runTest {
        val answer = hedgedCall(100, primary = { delay(300); "p" }, backup = { delay(50); "b" })
        assertEquals(Hedged("b", Replica.BACKUP), answer)
        assertEquals(150L, testScheduler.currentTime)
    }
}
