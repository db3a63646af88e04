package kateval.tasks.dotenv

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class DotenvParserHiddenTest {

    private fun lines(vararg l: String) = l.joinToString("\n")

    private fun assertErrorAt(line: Int, text: String) {
        val e = assertFailsWith<DotenvSyntaxException>("expected error for <$text>") { parseDotenv(text) }
        assertEquals(line, e.line, "line number for <$text>")
    }

    @Test
    fun exampleFromInstructions() {
        val text = lines(
            "# database",
            "export DB_HOST = localhost",
            "DB_URL=\"postgres://\${DB_HOST}:5432/app\"   # inline comment",
            "GREETING='Hello, \${NAME}!'",
            "PRICE=\$5 #usd",
        )
        val result = parseDotenv(text)
        assertEquals(
            mapOf(
                "DB_HOST" to "localhost",
                "DB_URL" to "postgres://localhost:5432/app",
                "GREETING" to "Hello, \${NAME}!",
                "PRICE" to "\$5",
            ),
            result,
        )
        assertEquals(listOf("DB_HOST", "DB_URL", "GREETING", "PRICE"), result.keys.toList())
    }

    @Test
    fun emptyInputsAndCommentOnlyFiles() {
        assertEquals(emptyMap(), parseDotenv(""))
        assertEquals(emptyMap(), parseDotenv("\n\n  \t\n# only a comment\n   # indented comment\r\n"))
    }

    @Test
    fun crlfAndIndentation() {
        assertEquals(
            mapOf("A" to "1", "B" to "two words", "C" to ""),
            parseDotenv("A=1\r\n\t  B = two words  \r\nC=\r\n"),
        )
    }

    @Test
    fun unquotedCommentRules() {
        val result = parseDotenv(lines(
            "A=a#b",
            "B=#b",
            "C= #b",
            "D=value  # comment",
            "E=value\t#tab comment",
            "F=it's \"fine\"",
            "G=x=y=z",
        ))
        assertEquals("a#b", result["A"])
        assertEquals("#b", result["B"])
        assertEquals("", result["C"])
        assertEquals("value", result["D"])
        assertEquals("value", result["E"])
        assertEquals("it's \"fine\"", result["F"])
        assertEquals("x=y=z", result["G"])
    }

    @Test
    fun singleQuotedIsLiteral() {
        val result = parseDotenv(lines(
            "X=ignored",
            "A='a\\nb \${X} # not a comment'",
            "B='' # empty",
            "C=  'padded  '  ",
            "D='say \"hi\"'",
        ))
        assertEquals("a\\nb \${X} # not a comment", result["A"])
        assertEquals("", result["B"])
        assertEquals("padded  ", result["C"])
        assertEquals("say \"hi\"", result["D"])
    }

    @Test
    fun doubleQuotedEscapes() {
        val result = parseDotenv(lines(
            "A=\"line1\\nline2\"",
            "B=\"col1\\tcol2\"",
            "C=\"say \\\"hi\\\"\"",
            "D=\"back\\\\slash\"",
            "E=\"cost \\\${X} and \$5\"",
            "F=\"  a # b  \" # real comment",
        ))
        assertEquals("line1\nline2", result["A"])
        assertEquals("col1\tcol2", result["B"])
        assertEquals("say \"hi\"", result["C"])
        assertEquals("back\\slash", result["D"])
        assertEquals("cost \${X} and \$5", result["E"])
        assertEquals("  a # b  ", result["F"])
    }

    @Test
    fun expansionUsesValuesDefinedAbove() {
        val result = parseDotenv(lines(
            "B=\${A}-before",
            "A=alpha",
            "C=\${A}/\${A}",
            "D=\"[\${A}]\"",
            "PATH=/bin",
            "PATH=\${PATH}:/opt/bin",
            "E=\${UNDEFINED}x",
            "F=\$ \$\$ end\$",
        ))
        assertEquals("-before", result["B"])
        assertEquals("alpha/alpha", result["C"])
        assertEquals("[alpha]", result["D"])
        assertEquals("/bin:/opt/bin", result["PATH"])
        assertEquals("x", result["E"])
        assertEquals("\$ \$\$ end\$", result["F"])
    }

    @Test
    fun expandedTextIsNotExpandedAgain() {
        val result = parseDotenv(lines("B=bee", "A='\${B}'", "C=\${A}", "D=\"\${A}\""))
        assertEquals("\${B}", result["C"])
        assertEquals("\${B}", result["D"])
    }

    @Test
    fun redefinitionKeepsFirstPosition() {
        val result = parseDotenv(lines("A=1", "B=2", "A=3", "C=4", "B=5"))
        assertEquals(listOf("A", "B", "C"), result.keys.toList())
        assertEquals(mapOf("A" to "3", "B" to "5", "C" to "4"), result)
    }

    @Test
    fun exportPrefix() {
        val result = parseDotenv(lines("export=1", "export  A=2", "export\tB=3", "  export   export=4", "exportC=5"))
        assertEquals(mapOf("export" to "4", "A" to "2", "B" to "3", "exportC" to "5"), result)
        assertEquals(listOf("export", "A", "B", "exportC"), result.keys.toList())
    }

    @Test
    fun unicodeValuesAreKeptAndOnlySpaceAndTabAreWhitespace() {
        val result = parseDotenv(lines("GREETING=\"h\u00E9llo \uD83D\uDC4B\"", "NAME=J\u00FCrgen", "NB=\u00A0x\u00A0", "W=a\u00A0#b"))
        assertEquals("h\u00E9llo \uD83D\uDC4B", result["GREETING"])
        assertEquals("J\u00FCrgen", result["NAME"])
        assertEquals("\u00A0x\u00A0", result["NB"])
        assertEquals("a\u00A0#b", result["W"])
    }

    @Test
    fun keyAndAssignmentErrorsReportLine() {
        assertErrorAt(3, lines("A=1", "", "B value"))
        assertErrorAt(1, "KEY")
        assertErrorAt(2, lines("# c", "1A=x"))
        assertErrorAt(1, "A-B=1")
        assertErrorAt(1, "=value")
        assertErrorAt(1, "export =1")
        assertErrorAt(1, "export")
        assertErrorAt(2, lines("OK=1", "\u00C4=1"))
    }

    @Test
    fun quoteErrorsReportLine() {
        assertErrorAt(1, "A='unterminated")
        assertErrorAt(2, lines("X=1", "A=\"unterminated"))
        assertErrorAt(1, "A='x'y")
        assertErrorAt(1, "A=\"x\" y")
        assertErrorAt(1, "A=\"bad \\q escape\"")
        assertErrorAt(1, "A=\"dangling\\")
        assertErrorAt(4, "A=1\r\nB=2\r\n\r\nC=\"multi\r\nline\"")
    }

    @Test
    fun expansionErrorsReportLine() {
        assertErrorAt(1, "A=\${B")
        assertErrorAt(1, "A=\${}")
        assertErrorAt(1, "A=\${1B}")
        assertErrorAt(1, "A=\"\${B C}\"")
        assertErrorAt(2, lines("B=1", "A=\${B #}"))
    }
}
