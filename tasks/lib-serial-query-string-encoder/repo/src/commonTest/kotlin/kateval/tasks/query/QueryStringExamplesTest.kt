package kateval.tasks.query

import kotlinx.serialization.Serializable
import kotlin.test.Test
import kotlin.test.assertEquals

@Serializable
data class ExampleFilter(val minStars: Int = 0, val language: String? = null)

@Serializable
data class ExampleSearch(val q: String, val page: Int = 1, val tags: List<String> = emptyList(), val filter: ExampleFilter? = null)

class QueryStringExamplesTest {
    @Test
    fun theExample() {
        assertEquals("q=kotlin%20flow&page=1&tags=kmp&tags=ui&filter.minStars=10",
            QueryString.encode(ExampleSearch.serializer(),
                ExampleSearch("kotlin flow", tags = listOf("kmp", "ui"), filter = ExampleFilter(10))))
    }
}
