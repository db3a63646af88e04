package kateval.tasks.recipes

import kotlinx.serialization.Serializable

@Serializable
data class Recipe(
    val id: String,
    val title: String,
    val prepMinutes: Int = 0,
    val servings: Int = 1,
    val ingredients: List<Ingredient> = emptyList(),
    val difficulty: Difficulty = Difficulty.EASY,
)

@Serializable
data class Ingredient(val name: String, val quantity: Double? = null, val unitOfMeasure: String? = null)

@Serializable
enum class Difficulty { EASY, MEDIUM, HARD }
