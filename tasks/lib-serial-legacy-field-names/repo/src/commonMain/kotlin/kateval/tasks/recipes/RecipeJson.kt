package kateval.tasks.recipes

/** Reads recipes of every API version and writes the current one. See instruction.md. */
object RecipeJson {
    fun read(text: String): Recipe = TODO()

    fun write(recipe: Recipe): String = TODO()
}
