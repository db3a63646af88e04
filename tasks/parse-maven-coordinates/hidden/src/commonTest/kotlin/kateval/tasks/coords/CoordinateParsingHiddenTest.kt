package kateval.tasks.coords

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class CoordinateParsingHiddenTest {

    @Test
    fun groupArtifactVersion() {
        assertEquals(
            Coordinate("org.jetbrains.kotlin", "kotlin-stdlib", "2.0.0", null, "jar"),
            parseCoordinate("org.jetbrains.kotlin:kotlin-stdlib:2.0.0"),
        )
    }

    @Test
    fun groupArtifactOnlyWithExtension() {
        assertEquals(Coordinate("com.example", "bom", null, null, "pom"), parseCoordinate("com.example:bom@pom"))
        assertEquals(Coordinate("g", "a", null, null, "jar"), parseCoordinate("g:a"))
    }

    @Test
    fun classifierAndExtensionWithSurroundingWhitespace() {
        assertEquals(
            Coordinate("com.example", "native-lib", "1.2", "linux-x64", "so"),
            parseCoordinate(" \tcom.example:native-lib:1.2:linux-x64@so \n"),
        )
    }

    @Test
    fun versionRangesAndDynamicVersions() {
        assertEquals("[1.0,2.0)", parseCoordinate("g:a:[1.0,2.0)").version)
        assertEquals("1.+", parseCoordinate("g:a:1.+").version)
        assertEquals("+", parseCoordinate("g:a:+").version)
        assertEquals("1.0.0-RC1_build+42", parseCoordinate("g:a:1.0.0-RC1_build+42").version)
    }

    @Test
    fun valuesKeepTheirCase() {
        assertEquals(
            Coordinate("Com.Example", "My_Lib", "1.0-SNAPSHOT", "Sources", "AAR"),
            parseCoordinate("Com.Example:My_Lib:1.0-SNAPSHOT:Sources@AAR"),
        )
    }

    @Test
    fun explicitJarExtension() {
        assertEquals(Coordinate("g", "a", "1", null, "jar"), parseCoordinate("g:a:1@jar"))
        assertEquals(Coordinate("g", "a", "1", null, "tar.gz"), parseCoordinate("g:a:1@tar.gz"))
    }

    @Test
    fun rejectsWrongSegmentCounts() {
        for (bad in listOf("", "   ", "g", "g@pom", "g:a:1:c:x", "g:a:1:c:x@jar")) {
            assertFailsWith<IllegalArgumentException>("<$bad>") { parseCoordinate(bad) }
        }
    }

    @Test
    fun rejectsEmptySegments() {
        for (bad in listOf("g:a:", ":a:1", "g::1.0", "g:a::sources", "g:a:1.0@", "g:a:1.0:", "@jar")) {
            assertFailsWith<IllegalArgumentException>("<$bad>") { parseCoordinate(bad) }
        }
    }

    @Test
    fun rejectsInvalidCharacters() {
        for (bad in listOf(
            "g a:b:1", "g:a:1 .0", "g:a:1.0@j ar", "g/x:a:1", "g:a:1.0:src+x", "g:a:1@tar-gz",
            "com.ex\u00E4mple:a:1", "g:\u0430rtifact:1", "g:a:\u0661.0", "g:a:1.0@jar@pom", "g:a\t:1",
        )) {
            assertFailsWith<IllegalArgumentException>("<$bad>") { parseCoordinate(bad) }
        }
    }

    @Test
    fun formatsNotation() {
        assertEquals("g:a", Coordinate("g", "a", null, null, "jar").toNotation())
        assertEquals("g:a:1.0", Coordinate("g", "a", "1.0", null, "jar").toNotation())
        assertEquals("g:a:1.0:sources", Coordinate("g", "a", "1.0", "sources", "jar").toNotation())
        assertEquals("g:a:1.0:linux@so", Coordinate("g", "a", "1.0", "linux", "so").toNotation())
        assertEquals("g:a@pom", Coordinate("g", "a", null, null, "pom").toNotation())
        assertEquals("g:a:1@JAR", Coordinate("g", "a", "1", null, "JAR").toNotation())
    }

    @Test
    fun formatRejectsClassifierWithoutVersion() {
        assertFailsWith<IllegalArgumentException> { Coordinate("g", "a", null, "sources", "jar").toNotation() }
    }

    @Test
    fun roundTripNormalisesJarExtension() {
        assertEquals("g:a:1.0", parseCoordinate("g:a:1.0@jar").toNotation())
        for (text in listOf("org.x:y-z:[1,2]:native_linux@klib", "a.b:c", "a:b:1.+@module")) {
            assertEquals(text, parseCoordinate(text).toNotation())
        }
    }
}
