package kateval.tasks.recipes

import kotlinx.serialization.SerializationException
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class RecipeJsonHiddenTest {
    private val soup = Recipe("r2", "Tomato soup", prepMinutes = 35, servings = 2,
        ingredients = listOf(Ingredient("tomato", 0.5, "kg"), Ingredient("salt"), Ingredient("cream", 2.5)),
        difficulty = Difficulty.MEDIUM)

    @Test
    fun readsVersionThree() {
        assertEquals(soup, RecipeJson.read("""{"id":"r2","title":"Tomato soup","prep_minutes":35,"servings":2,
            "ingredients":[{"name":"tomato","quantity":0.5,"unit_of_measure":"kg"},{"name":"salt"},
            {"name":"cream","quantity":2.5}],"difficulty":"medium"}"""))
    }

    @Test
    fun readsTheOldNames() {
        assertEquals(soup, RecipeJson.read("""{"id":"r2","name":"Tomato soup","prepTime":35,"serves":2,
            "ingredients":[{"name":"tomato","qty":0.5,"unit":"kg"},{"name":"salt","qty":null},
            {"name":"cream","qty":2.5}],"difficulty":"Medium"}"""))
    }

    @Test
    fun readsAMixOfVersions() {
        assertEquals(Recipe("r3", "Bread", prepMinutes = 90, servings = 8),
            RecipeJson.read("""{"id":"r3","title":"Bread","prepTime":90,"servings":8}"""))
        assertEquals(Recipe("r3", "Bread", prepMinutes = 90, servings = 8),
            RecipeJson.read("""{"id":"r3","name":"Bread","prep_minutes":90,"serves":8}"""))
    }

    @Test
    fun difficultyInAnyCase() {
        for ((text, level) in listOf("hard" to Difficulty.HARD, "HARD" to Difficulty.HARD, "Hard" to Difficulty.HARD,
                "eAsY" to Difficulty.EASY, "MEDIUM" to Difficulty.MEDIUM)) {
            assertEquals(level, RecipeJson.read("""{"id":"r","title":"t","difficulty":"$text"}""").difficulty, text)
        }
    }

    @Test
    fun unknownFieldsAndDefaults() {
        assertEquals(Recipe("r4", "Tea"), RecipeJson.read("""{"id":"r4","title":"Tea","rating":4.5,"tags":["hot"],
            "author":{"name":"ann"}}"""))
    }

    @Test
    fun idAndTitleAreRequired() {
        assertFailsWith<SerializationException> { RecipeJson.read("""{"title":"No id"}""") }
        assertFailsWith<SerializationException> { RecipeJson.read("""{"id":"r5"}""") }
        assertFailsWith<SerializationException> { RecipeJson.read("""{"id":"r5","Title":"wrong case"}""") }
    }

    @Test
    fun writesVersionThreeNamesOnly() {
        assertEquals("""{"id":"r2","title":"Tomato soup","prep_minutes":35,"servings":2,"ingredients":[""" +
            """{"name":"tomato","quantity":0.5,"unit_of_measure":"kg"},{"name":"salt"},{"name":"cream","quantity":2.5}],""" +
            """"difficulty":"MEDIUM"}""", RecipeJson.write(soup))
    }

    @Test
    fun writesNoDefaultsAndNoNulls() {
        assertEquals("""{"id":"r6","title":"Toast"}""", RecipeJson.write(Recipe("r6", "Toast")))
        assertEquals("""{"id":"r6","title":"Toast","servings":3,"difficulty":"HARD"}""",
            RecipeJson.write(Recipe("r6", "Toast", servings = 3, difficulty = Difficulty.HARD)))
    }

    @Test
    fun whatIsWrittenReadsBack() {
        assertEquals(soup, RecipeJson.read(RecipeJson.write(soup)))
    }
}
