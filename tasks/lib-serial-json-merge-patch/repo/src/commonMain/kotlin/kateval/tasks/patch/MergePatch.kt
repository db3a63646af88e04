package kateval.tasks.patch

import kotlinx.serialization.json.JsonElement

/** JSON merge patches (the PATCH format of the sync API). See instruction.md. */
object MergePatch {
    fun apply(target: JsonElement, patch: JsonElement): JsonElement = TODO()

    fun diff(original: JsonElement, modified: JsonElement): JsonElement? = TODO()
}
