package kateval.tasks.feed

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class FeedCodecHiddenTest {
    private fun json(text: String): JsonElement = Json.parseToJsonElement(text)

    private fun page(vararg entries: String, extra: String = "") =
        FeedCodec.decode("""{"items":[${entries.joinToString(",")}]$extra}""")

    @Test
    fun defaultsFillMissingOptionalFields() {
        assertEquals(FeedPage(listOf(Comment("c1", "ann", "hi"), Reaction("r1", "bob"))),
            page("""{"kind":"comment","id":"c1","author":"ann","text":"hi"}""",
                """{"kind":"reaction","id":"r1","author":"bob"}"""))
    }

    @Test
    fun unknownFieldsAreIgnoredEverywhere() {
        val decoded = FeedCodec.decode("""
            {"version": 3, "items": [{"kind":"follow","id":"f1","follower":"cy","followee":"ann",
              "mutual": true, "meta": {"source": "suggested"}}], "next": "n", "ttl": 60}
        """)
        assertEquals(FeedPage(listOf(Follow("f1", "cy", "ann")), next = "n"), decoded)
    }

    @Test
    fun missingItemsAndNextMeanAnEmptyLastPage() {
        assertEquals(FeedPage(emptyList()), FeedCodec.decode("{}"))
        assertEquals(FeedPage(emptyList()), FeedCodec.decode("""{"items":[],"next":null}"""))
    }

    @Test
    fun unknownKindsBecomeUnsupported() {
        val decoded = page("""{"kind":"poll","id":"p1","question":"Tabs or spaces?","options":["t","s"]}""",
            """{"kind":"comment","id":"c1","author":"ann","text":"hi"}""",
            """{"kind":"story","id":"s9"}""")
        assertEquals(FeedPage(listOf(Unsupported("p1", "poll"), Comment("c1", "ann", "hi"),
            Unsupported("s9", "story"))), decoded)
    }

    @Test
    fun unreadableEntriesAreSkippedAndCounted() {
        val decoded = page(
            """{"kind":"comment","id":"c1","author":"ann"}""",
            """{"kind":"reaction","id":"r1","author":"bob"}""",
            """{"kind":"comment","id":"c2","author":"ann","text":null}""",
            """{"kind":"comment","id":"c3","author":"ann","text":"ok","edited":"yes"}""",
            """{"id":"x1","author":"ann"}""",
            """{"kind":"poll","question":"no id"}""",
            "42",
            """{"kind":7,"id":"k1"}""",
            """{"kind":"follow","id":"f1","follower":"cy","followee":"ann"}""",
            extra = ""","next":"p3"""")
        assertEquals(FeedPage(listOf(Reaction("r1", "bob"), Follow("f1", "cy", "ann")), next = "p3",
            skipped = 7), decoded)
    }

    @Test
    fun notAJsonObjectIsRejected() {
        assertFailsWith<IllegalArgumentException> { FeedCodec.decode("not json") }
        assertFailsWith<IllegalArgumentException> { FeedCodec.decode("""[{"kind":"comment"}]""") }
    }

    @Test
    fun encodesEveryKindWithoutDefaultValues() {
        val text = FeedCodec.encode(FeedPage(listOf(
            Comment("c1", "ann", "hi", edited = true),
            Comment("c2", "ann", "plain"),
            Reaction("r1", "bob"),
            Reaction("r2", "bob", "🎉"),
            Follow("f1", "cy", "ann"),
        )))
        assertEquals(json("""{"items":[
            {"kind":"comment","id":"c1","author":"ann","text":"hi","edited":true},
            {"kind":"comment","id":"c2","author":"ann","text":"plain"},
            {"kind":"reaction","id":"r1","author":"bob"},
            {"kind":"reaction","id":"r2","author":"bob","emoji":"🎉"},
            {"kind":"follow","id":"f1","follower":"cy","followee":"ann"}]}"""), json(text))
    }

    @Test
    fun unsupportedEntriesAndSkippedAreNotWritten() {
        val text = FeedCodec.encode(FeedPage(listOf(Unsupported("p1", "poll"), Follow("f1", "cy", "ann")),
            next = "p2", skipped = 4))
        assertEquals(json("""{"items":[{"kind":"follow","id":"f1","follower":"cy","followee":"ann"}],"next":"p2"}"""),
            json(text))
    }

    @Test
    fun aNullCursorIsNotWritten() {
        assertEquals(json("""{"items":[]}"""), json(FeedCodec.encode(FeedPage(emptyList()))))
    }

    @Test
    fun encodeThenDecodeGivesThePageBack() {
        val original = FeedPage(listOf(Comment("c1", "ann", "quote \" and \\ and ünïcode", edited = true),
            Reaction("r1", "bob", "🎉"), Follow("f1", "cy", "ann")), next = "p/2?x=1")
        assertEquals(original, FeedCodec.decode(FeedCodec.encode(original)))
    }
}
