package kateval.tasks.dotenv

import kotlin.test.Test
import kotlin.test.assertEquals

class DotenvExampleTest {
    @Test
    fun simpleAssignments() {
        val result = parseDotenv("# comment\nA=1\nexport B = two\n")
        assertEquals(mapOf("A" to "1", "B" to "two"), result)
    }
}
