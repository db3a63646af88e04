package kateval.tasks.lamportsync

import kotlin.test.Test
import kotlin.test.assertEquals

class SyncSmokeTest {
    @Test
    fun changesTravelBetweenReplicas() {
        val a = SyncEngine("a")
        val b = SyncEngine("b")
        a.set("lang", "en")
        b.pull(a.push())
        assertEquals("en", b["lang"])
    }
}
