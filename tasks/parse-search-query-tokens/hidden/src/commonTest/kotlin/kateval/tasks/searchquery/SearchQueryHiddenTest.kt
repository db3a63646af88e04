package kateval.tasks.searchquery

import kotlin.test.*

class SearchQueryHiddenTest {
    private fun words(q: String) = parseQuery(q).terms.map { it.text }

    @Test
    fun splitsOnAsciiWhitespaceRuns() {
        assertEquals(listOf("kotlin", "multiplatform", "app"), words("  kotlin\t multiplatform\r\n\u000B\u000Capp "))
        assertEquals(emptyList(), words(""))
        assertEquals(emptyList(), words(" \t\n "))
    }

    @Test
    fun unicodeSpacesArePartOfTerms() {
        assertEquals(listOf("M.\u00A0Dupont", "et"), words("M.\u00A0Dupont et"))
        assertEquals(listOf("a\u2003b"), words("a\u2003b"))
        assertEquals(listOf("\uFEFFhello"), words("\uFEFFhello"))
        assertEquals(listOf("x\u0085y", "z"), words("x\u0085y z"))
    }

    @Test
    fun quotedPhrases() {
        val q = parseQuery("\"new york\"  pizza \"  spaced  out \"")
        assertEquals(listOf(Term("new york", true, false), Term("pizza", false, false), Term("  spaced  out ", true, false)), q.terms)
    }

    @Test
    fun unterminatedQuoteRunsToEnd() = assertEquals(listOf(Term("open phrase ", true, false)), parseQuery("\"open phrase ").terms)

    @Test
    fun quotesInsideWordsAreOrdinary() = assertEquals(listOf("ab\"cd", "x"), words("ab\"cd x"))

    @Test
    fun emptyPhraseIsDropped() = assertEquals(listOf("a"), words("\"\" a"))

    @Test
    fun exclusions() {
        val q = parseQuery("-spam eggs -\"bad phrase\" - --x")
        assertEquals(
            listOf(Term("spam", false, true), Term("eggs", false, false), Term("bad phrase", true, true), Term("-", false, false), Term("-x", false, true)),
            q.terms,
        )
    }

    @Test
    fun loneDashAtTheEndIsAnOrdinaryTerm() {
        assertEquals(listOf(Term("a", false, false), Term("-", false, false)), parseQuery("a -").terms)
        assertEquals(listOf(Term("-", false, false)), parseQuery("-").terms)
    }

    @Test
    fun emptyFilterValueAtTheEndIsAnOrdinaryTerm() {
        val q = parseQuery("x tag:")
        assertEquals(listOf("x", "tag:"), q.terms.map { it.text })
        assertEquals(emptyList(), q.filters)
    }

    @Test
    fun filters() {
        val q = parseQuery("tag:kotlin from:\"ann lee\" -lang:js word")
        assertEquals(listOf(Filter("tag", "kotlin", false), Filter("from", "ann lee", false), Filter("lang", "js", true)), q.filters)
        assertEquals(listOf("word"), q.terms.map { it.text })
    }

    @Test
    fun notFilters() {
        val q = parseQuery("tag: Tag:x 12:30 http://x.org a:\u00A0b")
        assertEquals(listOf("tag:", "Tag:x", "12:30"), q.terms.map { it.text }.take(3))
        assertEquals(listOf(Filter("http", "//x.org", false), Filter("a", "\u00A0b", false)), q.filters)
    }
}
