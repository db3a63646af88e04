package kateval.tasks.coords

import kotlin.test.Test
import kotlin.test.assertEquals

class CoordinateExamplesTest {
    @Test
    fun examplesFromTheInstructions() {
        assertEquals(
            Coordinate("org.jetbrains.kotlin", "kotlin-stdlib", "2.0.0", null, "jar"),
            parseCoordinate("org.jetbrains.kotlin:kotlin-stdlib:2.0.0"),
        )
        assertEquals(
            Coordinate("com.example", "native-lib", "1.2", "linux-x64", "so"),
            parseCoordinate(" com.example:native-lib:1.2:linux-x64@so "),
        )
        assertEquals(Coordinate("com.example", "bom", null, null, "pom"), parseCoordinate("com.example:bom@pom"))
        assertEquals("g:a:1.0", parseCoordinate("g:a:1.0@jar").toNotation())
    }
}
