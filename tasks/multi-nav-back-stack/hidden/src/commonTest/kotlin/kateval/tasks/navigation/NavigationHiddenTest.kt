package kateval.tasks.navigation

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

class NavigationHiddenTest {
    private val home = Route.Home

    private fun nav(vararg routes: Route): Navigator {
        val n = Navigator(routes.first())
        for (r in routes.drop(1)) n.navigate(r)
        return n
    }

    @Test
    fun pushAndBack() {
        val n = Navigator()
        assertEquals(listOf<Route>(home), n.stack)
        n.navigate(Route.Product(1))
        n.navigate(Route.Cart)
        assertEquals(listOf(home, Route.Product(1), Route.Cart), n.stack)
        assertTrue(n.back())
        assertTrue(n.back())
        assertFalse(n.back())
        assertEquals(listOf<Route>(home), n.stack)
    }

    @Test
    fun popUpToTopmostMatch() {
        val n = nav(home, Route.Product(1), Route.Cart, Route.Product(2), Route.Settings())
        n.navigate(Route.Cart, NavOptions(popUpTo = "product"))
        assertEquals(listOf(home, Route.Product(1), Route.Cart, Route.Product(2), Route.Cart), n.stack)
    }

    @Test
    fun popUpToInclusive() {
        val n = nav(home, Route.Login, Route.Settings("account"))
        n.navigate(Route.Cart, NavOptions(popUpTo = "login", inclusive = true))
        assertEquals(listOf(home, Route.Cart), n.stack)
        val root = nav(home, Route.Cart)
        root.navigate(Route.Product(9), NavOptions(popUpTo = "home", inclusive = true))
        assertEquals(listOf<Route>(Route.Product(9)), root.stack)
    }

    @Test
    fun popUpToMissingKeyPushesOnly() {
        val n = nav(home, Route.Cart)
        n.navigate(Route.Product(3), NavOptions(popUpTo = "login", inclusive = true))
        assertEquals(listOf(home, Route.Cart, Route.Product(3)), n.stack)
    }

    @Test
    fun singleTopReplacesTheTop() {
        val n = nav(home, Route.Search("shoes"))
        n.navigate(Route.Search("red shoes"), NavOptions(singleTop = true))
        assertEquals(listOf(home, Route.Search("red shoes")), n.stack)
        n.navigate(Route.Search("blue"))
        assertEquals(3, n.stack.size)
        n.navigate(Route.Cart, NavOptions(singleTop = true))
        assertEquals(Route.Cart, n.stack.last())
        assertEquals(4, n.stack.size)
    }

    @Test
    fun singleTopAfterPopUpTo() {
        val n = nav(home, Route.Product(1), Route.Cart, Route.Settings())
        n.navigate(Route.Product(7), NavOptions(popUpTo = "product", singleTop = true))
        assertEquals(listOf(home, Route.Product(7)), n.stack)
    }

    @Test
    fun explicitPopUpTo() {
        val n = nav(home, Route.Product(1), Route.Cart, Route.Settings())
        assertTrue(n.popUpTo("product", inclusive = false))
        assertEquals(listOf(home, Route.Product(1)), n.stack)
        assertFalse(n.popUpTo("login", inclusive = false))
        assertFalse(n.popUpTo("home", inclusive = true))
        assertEquals(listOf(home, Route.Product(1)), n.stack)
        assertTrue(n.popUpTo("product", inclusive = true))
        assertEquals(listOf<Route>(home), n.stack)
    }

    @Test
    fun stackIsASnapshot() {
        val n = Navigator()
        val before = n.stack
        n.navigate(Route.Cart)
        assertEquals(listOf<Route>(home), before)
    }

    @Test
    fun deepLinkPaths() {
        assertEquals(listOf<Route>(home), parseDeepLink("shop://"))
        assertEquals(listOf<Route>(home), parseDeepLink("shop://home/"))
        assertEquals(listOf(home, Route.Product(42)), parseDeepLink("shop://product/42"))
        assertEquals(listOf(home, Route.Product(42)), parseDeepLink("HTTPS://Shop.Example.com/product//42/#reviews"))
        assertEquals(listOf(home, Route.Cart), parseDeepLink("https://shop.example.com/cart"))
        assertEquals(listOf(home, Route.Settings(null)), parseDeepLink("shop://settings"))
        assertEquals(listOf(home, Route.Settings("privacy")), parseDeepLink("shop://settings/privacy"))
        assertEquals(listOf(home, Route.Product(Long.MAX_VALUE)), parseDeepLink("shop://product/9223372036854775807"))
    }

    @Test
    fun deepLinkSearchQuery() {
        assertEquals(listOf(home, Route.Search("red shoes")), parseDeepLink("shop://search?q=red+shoes"))
        assertEquals(listOf(home, Route.Search("café 😀")), parseDeepLink("shop://search?page=2&q=caf%C3%A9%20%F0%9F%98%80&q=ignored"))
        assertEquals(listOf(home, Route.Search("")), parseDeepLink("shop://search"))
        assertEquals(listOf(home, Route.Search("a=b")), parseDeepLink("shop://search?q=a=b#top"))
        assertEquals(listOf(home, Route.Search("")), parseDeepLink("shop://search?q"))
        // hex digits may be lower case: %c3%a9 is é, %2f is '/'
        assertEquals(listOf(home, Route.Search("é/Z")), parseDeepLink("shop://search?q=%c3%a9%2f%5a"))
        assertNull(parseDeepLink("shop://search?q=%zz"))
        assertNull(parseDeepLink("shop://cart?x=%4"))
    }

    @Test
    fun rejectedDeepLinks() {
        for (bad in listOf("", "shop:/product/1", "http://shop.example.com/cart", "https://evil.example.com/cart",
            "https://shop.example.com.evil/cart", "shop://Product/1", "shop://product", "shop://product/0", "shop://product/007",
            "shop://product/-1", "shop://product/1/2", "shop://product/9223372036854775808", "shop://cart/x",
            "shop://settings/a/b", "shop://login", "shop://unknown")) {
            assertNull(parseDeepLink(bad), bad)
        }
    }

    @Test
    fun handleDeepLinkReplacesTheStack() {
        val n = nav(home, Route.Cart, Route.Settings())
        assertTrue(n.handleDeepLink("shop://product/5"))
        assertEquals(listOf(home, Route.Product(5)), n.stack)
        assertFalse(n.handleDeepLink("shop://nowhere"))
        assertEquals(listOf(home, Route.Product(5)), n.stack)
        assertTrue(n.back())
        assertFalse(n.back())
    }
}
