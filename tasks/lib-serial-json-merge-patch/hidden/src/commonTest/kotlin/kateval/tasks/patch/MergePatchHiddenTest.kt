package kateval.tasks.patch

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull

class MergePatchHiddenTest {
    private fun json(text: String): JsonElement = Json.parseToJsonElement(text)

    private fun applied(target: String, patch: String) = MergePatch.apply(json(target), json(patch))

    @Test
    fun membersAreSetAddedAndRemoved() {
        assertEquals(json("""{"a":"z","c":{"d":"e"},"g":1}"""), applied("""{"a":"b","c":{"d":"e","f":"g"}}""",
            """{"a":"z","c":{"f":null},"g":1}"""))
        assertEquals(json("""{"a":"b"}"""), applied("""{"a":"b"}""", """{"missing":null}"""))
        assertEquals(json("""{}"""), applied("""{"a":"b"}""", """{"a":null}"""))
    }

    @Test
    fun nonObjectPatchesReplaceTheTargetWhole() {
        assertEquals(json("""["c"]"""), applied("""{"a":"b"}""", """["c"]"""))
        assertEquals(json("""{"a":["x"]}"""), applied("""{"a":[{"b":"c"},{"d":1}]}""", """{"a":["x"]}"""))
        assertEquals(json("7"), applied("""{"a":1}""", "7"))
        assertEquals(JsonNull, applied("""{"a":1}""", "null"))
    }

    @Test
    fun anObjectPatchOnANonObjectStartsFromNothing() {
        assertEquals(json("""{"a":"b"}"""), applied("""["c"]""", """{"a":"b"}"""))
        assertEquals(json("""{"a":{"b":"c"}}"""), applied("""{"a":"x"}""", """{"a":{"b":"c","d":null}}"""))
        assertEquals(json("""{}"""), applied("null", """{"a":null}"""))
    }

    @Test
    fun keysKeepTheirPlace() {
        val result = applied("""{"z":1,"a":2,"m":3}""", """{"new":0,"a":20,"z":null,"b":1}""")
        assertEquals("""{"a":20,"m":3,"new":0,"b":1}""", result.toString())
    }

    @Test
    fun diffOfEqualValuesIsNull() {
        assertNull(MergePatch.diff(json("""{"a":[1,2],"b":{"c":true}}"""), json("""{"b":{"c":true},"a":[1,2]}""")))
        assertNull(MergePatch.diff(json("3"), json("3")))
        assertNull(MergePatch.diff(JsonNull, JsonNull))
    }

    @Test
    fun diffRemovesFirstThenChangesInModifiedOrder() {
        val patch = MergePatch.diff(json("""{"x":1,"keep":0,"y":{"p":1,"q":2},"gone":true}"""),
            json("""{"added":"n","keep":0,"y":{"p":1,"q":3,"r":[]},"x":2}"""))
        assertEquals("""{"gone":null,"added":"n","y":{"q":3,"r":[]},"x":2}""", patch.toString())
    }

    @Test
    fun arraysAndTypeChangesAreReplacedWhole() {
        assertEquals(json("""{"tags":["a","c"]}"""), MergePatch.diff(json("""{"tags":["a","b"]}"""), json("""{"tags":["a","c"]}""")))
        assertEquals(json("""{"v":"1"}"""), MergePatch.diff(json("""{"v":1}"""), json("""{"v":"1"}""")))
        assertEquals(json("""{"o":[1]}"""), MergePatch.diff(json("""{"o":{"a":1}}"""), json("""{"o":[1]}""")))
        assertEquals(json("""{"o":{"a":1}}"""), MergePatch.diff(json("""{"o":5}"""), json("""{"o":{"a":1}}""")))
        assertEquals(json("""[1,null]"""), MergePatch.diff(json("""{"a":1}"""), json("""[1,null]""")))
        assertEquals(JsonNull, MergePatch.diff(json("""{"a":1}"""), JsonNull))
    }

    @Test
    fun nullMembersCannotBeExpressed() {
        assertFailsWith<IllegalArgumentException> { MergePatch.diff(json("""{"a":1}"""), json("""{"a":null}""")) }
        assertFailsWith<IllegalArgumentException> { MergePatch.diff(json("""{"a":1}"""), json("""{"a":1,"b":{"c":null}}""")) }
        assertFailsWith<IllegalArgumentException> { MergePatch.diff(json("""{"a":{"c":null}}"""), json("""{"a":{"c":null}}""")) }
        assertEquals(json("""{"a":[null]}"""), MergePatch.diff(json("""{"a":[]}"""), json("""{"a":[null]}""")))
    }

    @Test
    fun applyingTheDiffGivesTheModifiedDocument() {
        val pairs = listOf(
            """{"title":"Notes","body":{"blocks":[1,2],"style":{"font":"serif","size":12}},"shared":["ann"]}""" to
                """{"title":"Notes!","body":{"blocks":[1,2,3],"style":{"size":14}},"pinned":true}""",
            """{"a":{"b":{"c":{"d":1}}}}""" to """{"a":{"b":{"c":{"d":2,"e":3}}}}""",
            """{"a":1}""" to """{}""",
            "[]" to """{"a":{"b":1}}""",
        )
        for ((before, after) in pairs) {
            val patch = MergePatch.diff(json(before), json(after))!!
            assertEquals(json(after), MergePatch.apply(json(before), patch), "$before -> $after")
        }
    }
}
