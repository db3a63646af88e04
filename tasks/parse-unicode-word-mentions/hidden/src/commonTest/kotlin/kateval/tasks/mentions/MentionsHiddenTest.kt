package kateval.tasks.mentions

import kotlin.test.*

class MentionsHiddenTest {
    private fun spans(text: String, vararg kw: String) = findMentions(text, kw.toList()).map { text.substring(it.start, it.end) }

    @Test
    fun findsWholeWordsCaseInsensitively() {
        val m = findMentions("Kotlin is fun. kotlinx is not KOTLIN!", listOf("kotlin"))
        assertEquals(listOf(Mention("kotlin", 0, 6), Mention("kotlin", 30, 36)), m)
    }

    @Test
    fun accentedLettersAreWordCharacters() {
        assertEquals(emptyList(), spans("caféine", "caf"))
        assertEquals(emptyList(), spans("écrit", "crit"))
        assertEquals(listOf("café"), spans("un café noir", "café"))
        assertEquals(listOf("Été"), spans("L'Été arrive", "été"))
    }

    @Test
    fun nonLatinScripts() {
        assertEquals(listOf("мир"), spans("привет, мир!", "мир"))
        assertEquals(emptyList(), spans("миру", "мир"))
        assertEquals(listOf("ΟΔΟΣ"), spans("η ΟΔΟΣ", "οδοσ"))
    }

    @Test
    fun digitsAndUnderscoreAreWordCharacters() {
        assertEquals(emptyList(), spans("v2ray x_api", "ray", "api"))
        assertEquals(listOf("api"), spans("the api.", "api"))
        assertEquals(emptyList(), spans("api٣", "api"))
    }

    @Test
    fun metacharactersMatchLiterally() {
        assertEquals(listOf("C++"), spans("I like C++ and c#", "c++"))
        assertEquals(listOf("a.b"), spans("a.b axb", "a.b"))
        assertEquals(listOf("\$5"), spans("pay \$5 now", "\$5"))
        assertEquals(listOf("(x)"), spans("f (x) g", "(x)"))
        assertEquals(emptyList(), spans("c++x", "c++"))
    }

    @Test
    fun keywordsAreTrimmedAndBlankOnesIgnored() {
        assertEquals(listOf(Mention("news", 0, 4)), findMentions("news today", listOf("  news ", "", "   ")))
        assertEquals(emptyList(), findMentions("", listOf("a")))
    }

    @Test
    fun overlappingKeywordsAreSortedLongestFirst() {
        val m = findMentions("new york times", listOf("york", "new york", "new"))
        assertEquals(listOf(Mention("new york", 0, 8), Mention("new", 0, 3), Mention("york", 4, 8)), m)
    }

    @Test
    fun repeatedOccurrencesDoNotOverlap() {
        assertEquals(listOf(0, 3), findMentions("aa aa", listOf("aa")).map { it.start })
        assertEquals(listOf("a-a"), spans("a-a-a", "a-a"))
    }

    @Test
    fun edgesOfTextCountAsBoundaries() {
        assertEquals(listOf("end"), spans("end", "end"))
        assertEquals(listOf("x", "x"), spans("x\u00A0x", "x"))
        assertEquals(listOf("tab"), spans("\ttab\n", "tab"))
    }
}
