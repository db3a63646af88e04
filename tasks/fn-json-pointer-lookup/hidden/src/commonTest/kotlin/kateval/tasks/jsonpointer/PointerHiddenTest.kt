package kateval.tasks.jsonpointer

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertSame

class PointerHiddenTest {
    private val doc = JsonObject(mapOf(
        "foo" to JsonArray(listOf(JsonString("bar"), JsonString("baz"))),
        "" to JsonNumber(0),
        "a/b" to JsonNumber(1),
        "m~n" to JsonNumber(8),
        "~1" to JsonNumber(9),
        "nested" to JsonObject(mapOf("list" to JsonArray(List(12) { JsonNumber(it.toLong()) }), "t" to JsonBool(true))),
        "n" to JsonNull,
    ))

    @Test
    fun emptyPointerIsTheDocument() {
        assertSame(doc, doc.resolve(""))
        assertEquals(JsonNull, JsonNull.resolve(""))
    }

    @Test
    fun memberAndIndexSteps() {
        assertEquals(JsonArray(listOf(JsonString("bar"), JsonString("baz"))), doc.resolve("/foo"))
        assertEquals(JsonString("bar"), doc.resolve("/foo/0"))
        assertEquals(JsonString("baz"), doc.resolve("/foo/1"))
        assertEquals(JsonNumber(10), doc.resolve("/nested/list/10"))
        assertEquals(JsonNull, doc.resolve("/n"))
    }

    @Test
    fun emptyTokenIsTheEmptyName() {
        assertEquals(JsonNumber(0), doc.resolve("/"))
        assertNull(doc.resolve("/nested//t"))
    }

    @Test
    fun tildeEscapes() {
        assertEquals(JsonNumber(1), doc.resolve("/a~1b"))
        assertEquals(JsonNumber(8), doc.resolve("/m~0n"))
        assertEquals(JsonNumber(9), doc.resolve("/~01"))
        assertNull(doc.resolve("/a/b"))
    }

    @Test
    fun badTildeEscapesThrow() {
        assertFailsWith<IllegalArgumentException> { doc.resolve("/m~2n") }
        assertFailsWith<IllegalArgumentException> { doc.resolve("/abc~") }
        assertFailsWith<IllegalArgumentException> { doc.resolve("/missing/x~") }
    }

    @Test
    fun pointerMustStartWithSlash() {
        assertFailsWith<IllegalArgumentException> { doc.resolve("foo") }
        assertFailsWith<IllegalArgumentException> { doc.resolve("#/foo") }
    }

    @Test
    fun invalidArrayIndexesGiveNull() {
        for (p in listOf("/foo/-", "/foo/01", "/foo/+1", "/foo/1.0", "/foo/", "/foo/-1", "/foo/ 1", "/foo/x")) {
            assertNull(doc.resolve(p), p)
        }
    }

    @Test
    fun outOfRangeAndHugeIndexes() {
        assertNull(doc.resolve("/foo/2"))
        assertNull(doc.resolve("/foo/2147483648"))
        assertNull(doc.resolve("/foo/99999999999999999999999"))
        assertNull(JsonArray(emptyList()).resolve("/0"))
    }

    @Test
    fun stepsThroughScalarsOrMissingMembersGiveNull() {
        assertNull(doc.resolve("/foo/0/x"))
        assertNull(doc.resolve("/n/x"))
        assertNull(doc.resolve("/nested/t/0"))
        assertNull(doc.resolve("/missing"))
        assertNull(doc.resolve("/FOO"))
    }
}
