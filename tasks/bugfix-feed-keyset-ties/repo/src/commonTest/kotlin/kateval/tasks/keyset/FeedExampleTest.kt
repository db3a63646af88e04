package kateval.tasks.keyset

import kotlin.test.Test
import kotlin.test.assertEquals

class FeedExampleTest {
    @Test
    fun distinctTimestampsPageCorrectly() {
        val posts = (1..5).map { Post("p$it", 100L + it, "post $it") }
        val all = FeedRepository(PostSource(posts), 2).loadAll()
        assertEquals(listOf("p5", "p4", "p3", "p2", "p1"), all.map { it.id })
    }
}
