package kateval.tasks.feed

import kotlinx.serialization.json.Json
import kotlin.test.Test
import kotlin.test.assertEquals

class FeedCodecExamplesTest {
    @Test
    fun decodesEachKind() {
        val page = FeedCodec.decode("""
            {"items": [
               {"kind": "comment", "id": "c1", "author": "ann", "text": "Nice!", "edited": true},
               {"kind": "reaction", "id": "r1", "author": "bob", "emoji": "🎉"},
               {"kind": "follow", "id": "f1", "follower": "cy", "followee": "ann"}
             ],
             "next": "page-2"}
        """)
        assertEquals(FeedPage(listOf(Comment("c1", "ann", "Nice!", edited = true),
            Reaction("r1", "bob", "🎉"), Follow("f1", "cy", "ann")), next = "page-2"), page)
    }

    @Test
    fun encodesWithoutDefaults() {
        val text = FeedCodec.encode(FeedPage(listOf(Comment("c1", "ann", "Nice!")), next = "p2"))
        assertEquals(
            Json.parseToJsonElement("""{"items":[{"kind":"comment","id":"c1","author":"ann","text":"Nice!"}],"next":"p2"}"""),
            Json.parseToJsonElement(text))
    }
}
