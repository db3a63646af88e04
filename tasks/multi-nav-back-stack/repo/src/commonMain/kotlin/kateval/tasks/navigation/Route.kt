package kateval.tasks.navigation

/** A screen of the app. [key] identifies the kind of screen, whatever its arguments. */
sealed interface Route {
    val key: String

    data object Home : Route { override val key = "home" }
    data class Search(val query: String) : Route { override val key = "search" }
    data class Product(val id: Long) : Route { override val key = "product" }
    data object Cart : Route { override val key = "cart" }
    data class Settings(val section: String? = null) : Route { override val key = "settings" }
    data object Login : Route { override val key = "login" }
}

data class NavOptions(val popUpTo: String? = null, val inclusive: Boolean = false, val singleTop: Boolean = false)
