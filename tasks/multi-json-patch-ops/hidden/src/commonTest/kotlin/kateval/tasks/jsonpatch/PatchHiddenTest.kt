package kateval.tasks.jsonpatch

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class PatchHiddenTest {
    private fun s(v: String) = JsonString(v)
    private fun n(v: Long) = JsonNumber(v)
    private fun obj(vararg m: Pair<String, JsonValue>) = JsonObject(linkedMapOf(*m))
    private fun arr(vararg v: JsonValue) = JsonArray(v.toList())

    private val profile = obj(
        "name" to s("Ada"),
        "tags" to arr(s("a"), s("b")),
        "address" to obj("city" to s("Paris"), "zip" to s("75001")),
    )

    private fun failsAt(index: Int, doc: JsonValue, vararg ops: PatchOp) {
        val e = assertFailsWith<PatchException> { applyPatch(doc, ops.toList()) }
        assertEquals(index, e.opIndex)
    }

    @Test
    fun pointerParseAndPrintRoundTrip() {
        assertEquals(JsonPointer(emptyList()), JsonPointer.parse(""))
        assertEquals(JsonPointer(listOf("")), JsonPointer.parse("/"))
        assertEquals(JsonPointer(listOf("a/b", "~c", "0")), JsonPointer.parse("/a~1b/~0c/0"))
        assertEquals("/a~1b/~0c/0", JsonPointer(listOf("a/b", "~c", "0")).toString())
        assertEquals("", JsonPointer(emptyList()).toString())
        val p = JsonPointer(listOf("~1", "/", ""))
        assertEquals(p, JsonPointer.parse(p.toString()))
        assertFailsWith<IllegalArgumentException> { JsonPointer.parse("a") }
        assertFailsWith<IllegalArgumentException> { JsonPointer.parse("/a~2") }
        assertFailsWith<IllegalArgumentException> { JsonPointer.parse("/a~") }
    }

    @Test
    fun addToObjectAndArray() {
        val out = applyPatch(profile, listOf(
            PatchOp.Add("/email", s("ada@example.com")),
            PatchOp.Add("/tags/0", s("first")),
            PatchOp.Add("/tags/-", s("last")),
            PatchOp.Add("/tags/4", s("end")),
        ))
        out as JsonObject
        assertEquals(listOf("name", "tags", "address", "email"), out.members.keys.toList())
        assertEquals(arr(s("first"), s("a"), s("b"), s("last"), s("end")), out.members["tags"])
    }

    @Test
    fun addReplacesExistingMemberInPlace() {
        val out = applyPatch(profile, listOf(PatchOp.Add("/name", s("Grace")))) as JsonObject
        assertEquals(listOf("name", "tags", "address"), out.members.keys.toList())
        assertEquals(s("Grace"), out.members["name"])
        assertEquals(n(1), applyPatch(profile, listOf(PatchOp.Add("", n(1)))))
    }

    @Test
    fun addFailures() {
        failsAt(0, profile, PatchOp.Add("/missing/x", n(1)))
        failsAt(0, profile, PatchOp.Add("/tags/3", n(1)))
        failsAt(0, profile, PatchOp.Add("/tags/01", n(1)))
        failsAt(0, profile, PatchOp.Add("/name/x", n(1)))
        failsAt(1, profile, PatchOp.Add("/ok", n(1)), PatchOp.Add("bad", n(1)))
    }

    @Test
    fun removeAndReplace() {
        val out = applyPatch(profile, listOf(
            PatchOp.Remove("/tags/0"),
            PatchOp.Replace("/address/city", s("Lyon")),
            PatchOp.Remove("/name"),
        )) as JsonObject
        assertEquals(listOf("tags", "address"), out.members.keys.toList())
        assertEquals(arr(s("b")), out.members["tags"])
        assertEquals(listOf("city", "zip"), (out.members["address"] as JsonObject).members.keys.toList())
        assertEquals(s("Lyon"), (out.members["address"] as JsonObject).members["city"])
        assertEquals(JsonNull, applyPatch(profile, listOf(PatchOp.Replace("", JsonNull))))
    }

    @Test
    fun removeAndReplaceFailures() {
        failsAt(0, profile, PatchOp.Remove(""))
        failsAt(0, profile, PatchOp.Remove("/tags/-"))
        failsAt(0, profile, PatchOp.Remove("/tags/2"))
        failsAt(0, profile, PatchOp.Remove("/tags/999999999"))
        failsAt(0, profile, PatchOp.Remove("/tags/9999999999"))
        failsAt(0, profile, PatchOp.Remove("/tags/99999999999999999999"))
        failsAt(0, profile, PatchOp.Remove("/nope"))
        failsAt(0, profile, PatchOp.Replace("/nope", n(1)))
        failsAt(0, profile, PatchOp.Replace("/tags/-", n(1)))
    }

    @Test
    fun moveWithinArrayUsesIndexAfterRemoval() {
        val doc = arr(s("a"), s("b"), s("c"))
        assertEquals(arr(s("b"), s("c"), s("a")), applyPatch(doc, listOf(PatchOp.Move("/0", "/2"))))
        assertEquals(arr(s("b"), s("a"), s("c")), applyPatch(doc, listOf(PatchOp.Move("/0", "/1"))))
        failsAt(0, doc, PatchOp.Move("/0", "/3"))
    }

    @Test
    fun moveBetweenObjectsAndIntoItself() {
        val out = applyPatch(profile, listOf(PatchOp.Move("/address/zip", "/zip"))) as JsonObject
        assertEquals(s("75001"), out.members["zip"])
        assertEquals(obj("city" to s("Paris")), out.members["address"])
        assertEquals(profile, applyPatch(profile, listOf(PatchOp.Move("/address", "/address"))))
        failsAt(0, profile, PatchOp.Move("/address", "/address/inner"))
        failsAt(0, profile, PatchOp.Move("/nope", "/x"))
        val doc = obj("a" to n(1), "ab" to obj())
        assertEquals(obj("ab" to obj("x" to n(1))), applyPatch(doc, listOf(PatchOp.Move("/a", "/ab/x"))))
    }

    @Test
    fun copyMakesAnIndependentValue() {
        val out = applyPatch(profile, listOf(
            PatchOp.Copy("/address", "/billing"),
            PatchOp.Replace("/billing/city", s("Nice")),
        )) as JsonObject
        assertEquals(s("Paris"), (out.members["address"] as JsonObject).members["city"])
        assertEquals(s("Nice"), (out.members["billing"] as JsonObject).members["city"])
        failsAt(0, profile, PatchOp.Copy("/nope", "/x"))
    }

    @Test
    fun testOperationUsesDeepEquality() {
        val same = applyPatch(profile, listOf(
            PatchOp.Test("/address", obj("zip" to s("75001"), "city" to s("Paris"))),
            PatchOp.Test("/tags", arr(s("a"), s("b"))),
        ))
        assertEquals(profile, same)
        failsAt(0, profile, PatchOp.Test("/tags", arr(s("b"), s("a"))))
        failsAt(1, profile, PatchOp.Test("/name", s("Ada")), PatchOp.Test("/name", s("ada")))
        failsAt(0, profile, PatchOp.Test("/missing", JsonNull))
    }

    @Test
    fun failedPatchLeavesTheDocumentUntouched() {
        val before = profile.toString()
        failsAt(2, profile, PatchOp.Remove("/name"), PatchOp.Add("/x", n(1)), PatchOp.Remove("/name"))
        assertEquals(before, profile.toString())
    }

    @Test
    fun emptyPatchReturnsTheDocument() {
        assertEquals(profile, applyPatch(profile, emptyList()))
    }
}
