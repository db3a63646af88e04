package kateval.tasks.patch

import kotlinx.serialization.json.Json
import kotlin.test.Test
import kotlin.test.assertEquals

class MergePatchExamplesTest {
    private fun json(text: String) = Json.parseToJsonElement(text)

    @Test
    fun theExample() {
        val original = json("""{"title":"Tea","tags":["a"],"meta":{"v":1,"by":"ann"}}""")
        val modified = json("""{"title":"Tea","tags":["a","b"],"meta":{"v":2,"by":"ann"}}""")
        val patch = MergePatch.diff(original, modified)
        assertEquals(json("""{"tags":["a","b"],"meta":{"v":2}}"""), patch)
        assertEquals(modified, MergePatch.apply(original, patch!!))
    }
}
