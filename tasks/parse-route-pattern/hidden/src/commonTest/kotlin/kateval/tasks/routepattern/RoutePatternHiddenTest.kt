package kateval.tasks.routepattern

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull

class RoutePatternHiddenTest {
    private fun p(s: String) = RoutePattern.compile(s)

    @Test
    fun literalsOnly() {
        assertEquals(emptyMap(), p("/settings/privacy").match("/settings/privacy"))
        assertEquals(emptyMap(), p("/settings/privacy/").match("/settings/privacy/"))
        assertNull(p("/settings/privacy").match("/settings/Privacy"))
        assertNull(p("/settings/privacy").match("/settings"))
        assertNull(p("/settings").match("/settings/privacy"))
        assertEquals(emptyMap(), p("/").match("/"))
        assertNull(p("/").match("/x"))
    }

    @Test
    fun stringAndIntParameters() {
        val r = p("/users/{id:int}/posts/{slug}")
        assertEquals(mapOf<String, Any>("id" to 42L, "slug" to "hello"), r.match("/users/42/posts/hello"))
        assertEquals(mapOf<String, Any>("id" to -7L, "slug" to "x"), r.match("/users/-7/posts/x"))
        assertNull(r.match("/users/abc/posts/hello"))
        assertNull(r.match("/users/4.2/posts/hello"))
        assertNull(r.match("/users/+4/posts/hello"))
        assertNull(r.match("/users/-/posts/hello"))
        assertNull(r.match("/users/99999999999999999999/posts/hello"))
        assertEquals(Long.MIN_VALUE, r.match("/users/-9223372036854775808/posts/a")?.get("id"))
    }

    @Test
    fun queryFragmentAndTrailingSlash() {
        val r = p("/items/{id}")
        assertEquals(mapOf<String, Any>("id" to "5"), r.match("/items/5/?sort=asc#top"))
        assertEquals(mapOf<String, Any>("id" to "5"), r.match("/items/5#a/b"))
        assertNull(r.match("items/5"))
        assertNull(r.match("/items//5"))
        assertNull(r.match("/items/"))
    }

    @Test
    fun percentDecoding() {
        val r = p("/tags/{tag}/café")
        assertEquals(mapOf<String, Any>("tag" to "a/b c"), r.match("/tags/a%2Fb%20c/caf%C3%A9"))
        assertEquals(mapOf<String, Any>("tag" to "1+1"), r.match("/tags/1+1/café"))
        assertNull(r.match("/tags/%zz/café"))
        assertNull(r.match("/tags/x/caf%C3"))
        // hex digits may be lower case
        assertEquals(mapOf<String, Any>("tag" to "a/b:Z"), r.match("/tags/a%2fb%3a%5a/caf%c3%a9"))
    }

    @Test
    fun optionalParameters() {
        val r = p("/search/{query?}/{page?}")
        assertEquals(emptyMap(), r.match("/search"))
        assertEquals(mapOf<String, Any>("query" to "shoes"), r.match("/search/shoes"))
        assertEquals(mapOf<String, Any>("query" to "shoes", "page" to "2"), r.match("/search/shoes/2"))
        assertNull(r.match("/search/a/b/c"))
    }

    @Test
    fun catchAll() {
        val r = p("/files/{path...}")
        assertEquals(mapOf<String, Any>("path" to "a/b/c.txt"), r.match("/files/a/b/c.txt"))
        assertEquals(mapOf<String, Any>("path" to ""), r.match("/files"))
        assertEquals(mapOf<String, Any>("path" to "x y"), r.match("/files/x%20y/"))
        val mixed = p("/docs/{version?}/{rest...}")
        assertEquals(mapOf<String, Any>("version" to "v2", "rest" to "guide/intro"), mixed.match("/docs/v2/guide/intro"))
        assertEquals(mapOf<String, Any>("rest" to ""), mixed.match("/docs"))
    }

    @Test
    fun compileErrors() {
        for (bad in listOf("", "users", "/a//b", "/{}", "/{id:long}", "/{na-me}", "/x{id}", "/{id}x", "/a}", "/{rest...}/x",
            "/{opt?}/x", "/{opt?}/{id}", "/{id}/{id}", "/{id}/{id:int}", "/{a b}")) {
            assertFailsWith<IllegalArgumentException>(bad) { p(bad) }
        }
    }

    @Test
    fun validPatternsCompile() {
        p("/{a}/{b:int}/{c?}/{d...}")
        p("/v1/{user_id}/x")
        p("/a/")
    }
}
