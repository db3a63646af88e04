package kateval.tasks.lamportsync

import kotlin.test.*

class LamportTickHiddenTest {
    @Test
    fun reportedScenario() {
        val web = SyncEngine("web")
        repeat(4) { web.set("x", "$it") }
        web.set("theme", "dark")
        val phone = SyncEngine("phone")
        phone.pull(web.push())
        phone.set("theme", "light")
        web.pull(phone.push())
        assertEquals("light", web["theme"])
        phone.pull(web.snapshot())
        assertEquals("light", phone["theme"])
    }

    @Test
    fun tickAfterObserveIsPastRemoteTime() {
        val c = LamportClock()
        c.observe(5)
        assertEquals(5, c.time)
        assertEquals(6, c.tick())
        assertEquals(6, c.time)
    }

    @Test
    fun tickReturnsTheNewTime() {
        val c = LamportClock(10)
        c.observe(3)
        assertEquals(10, c.time)
        assertEquals(listOf(11L, 12L), listOf(c.tick(), c.tick()))
    }

    @Test
    fun localEditAfterPullIsNewer() {
        val a = SyncEngine("a")
        val z = SyncEngine("z")
        z.set("k", "from-z")
        a.pull(z.push())
        a.set("k", "from-a")
        val stamp = a.snapshot().toMap().getValue("k")
        assertTrue(stamp.time > 1, "a's edit must be stamped after z's")
        z.pull(a.push())
        assertEquals("from-a", z["k"])
    }

    @Test
    fun replicasConverge() {
        val a = SyncEngine("a"); val b = SyncEngine("b"); val c = SyncEngine("c")
        a.set("k", "a1"); b.set("k", "b1"); c.set("k", "c1")
        val pa = a.push(); val pb = b.push(); val pc = c.push()
        a.pull(pb + pc); b.pull(pa + pc); c.pull(pa + pb)
        assertEquals(setOf("c1"), setOf(a["k"], b["k"], c["k"]))
        b.set("k", "b2")
        val pb2 = b.push()
        a.pull(pb2); c.pull(pb2)
        assertEquals(setOf("b2"), setOf(a["k"], b["k"], c["k"]))
    }

    @Test
    fun mergeRuleIsUnchanged() {
        val x = Stamped("x", 3, "a")
        val y = Stamped("y", 3, "b")
        assertEquals(y, merge(x, y))
        assertEquals(y, merge(y, x))
        assertEquals(x, merge(x, null))
    }
}
