package kateval.tasks.navigation

/** The app's back stack. See instruction.md. */
class Navigator(start: Route = Route.Home) {
    val stack: List<Route> get() = TODO("stack")

    fun navigate(route: Route, options: NavOptions = NavOptions()): Unit = TODO("navigate")

    fun back(): Boolean = TODO("back")

    fun popUpTo(key: String, inclusive: Boolean): Boolean = TODO("popUpTo")

    fun handleDeepLink(uri: String): Boolean = TODO("handleDeepLink")
}
