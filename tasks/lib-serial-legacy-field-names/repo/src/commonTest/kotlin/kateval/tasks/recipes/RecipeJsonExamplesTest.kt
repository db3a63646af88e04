package kateval.tasks.recipes

import kotlin.test.Test
import kotlin.test.assertEquals

class RecipeJsonExamplesTest {
    @Test
    fun theExample() {
        val recipe = RecipeJson.read("""{"id": "r1", "name": "Pancakes", "prepTime": 20, "serves": 4, "difficulty": "Easy"}""")
        assertEquals(Recipe("r1", "Pancakes", prepMinutes = 20, servings = 4), recipe)
        assertEquals("""{"id":"r1","title":"Pancakes","prep_minutes":20,"servings":4}""", RecipeJson.write(recipe))
    }
}
