package kateval.tasks.query

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.Transient
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.builtins.serializer
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

@Serializable
enum class Sort { @SerialName("best") RELEVANCE, @SerialName("new") NEWEST }

@Serializable
data class Range(val from: Long, val to: Long? = null)

@Serializable
data class Window(val range: Range, val label: String = "all")

@Serializable
data class Query(
    val text: String,
    @SerialName("page_size") val pageSize: Int = 20,
    val sort: Sort = Sort.RELEVANCE,
    val exact: Boolean = false,
    val ratio: Double? = null,
    val kinds: List<Sort> = emptyList(),
    val window: Window? = null,
    @Transient val debug: String = "never written",
)

@Serializable
data class AllOptional(val a: String? = null, val b: List<Int> = emptyList())

@Serializable
data class Item(val name: String)

@Serializable
data class WithObjects(val items: List<Item>)

@Serializable
data class WithMap(val attributes: Map<String, String>)

@Serializable
data class WithNestedList(val grid: List<List<Int>>)

@Serializable
data class Tricky(@SerialName("page size") val pageSize: String, val path: String)

@Serializable
object Marker

class QueryStringHiddenTest {
    private fun encode(query: Query) = QueryString.encode(Query.serializer(), query)

    @Test
    fun defaultsAreWrittenInDeclarationOrder() {
        assertEquals("text=tea&page_size=20&sort=best&exact=false", encode(Query("tea")))
    }

    @Test
    fun everyKindOfSimpleValue() {
        assertEquals("text=x&page_size=-5&sort=new&exact=true&ratio=2.5&kinds=new&kinds=best&kinds=new",
            encode(Query("x", pageSize = -5, sort = Sort.NEWEST, exact = true, ratio = 2.5,
                kinds = listOf(Sort.NEWEST, Sort.RELEVANCE, Sort.NEWEST))))
    }

    @Test
    fun nestedObjectsUseDottedPaths() {
        assertEquals("text=t&page_size=20&sort=best&exact=false&window.range.from=1700000000000&window.label=week",
            encode(Query("t", window = Window(Range(1_700_000_000_000), label = "week"))))
        assertEquals("text=t&page_size=20&sort=best&exact=false&window.range.from=-1&window.range.to=9&window.label=all",
            encode(Query("t", window = Window(Range(-1, 9)))))
    }

    @Test
    fun nullsAndEmptyListsWriteNothing() {
        assertEquals("", QueryString.encode(AllOptional.serializer(), AllOptional()))
        assertEquals("a=", QueryString.encode(AllOptional.serializer(), AllOptional(a = "")))
        assertEquals("b=1&b=2", QueryString.encode(AllOptional.serializer(), AllOptional(b = listOf(1, 2))))
    }

    @Test
    fun namesAndValuesArePercentEncoded() {
        assertEquals("page%20size=a-b.c_d~e&path=%2Fv1%2Fsearch%3Fq%3D1%26x%3D%2B%25",
            QueryString.encode(Tricky.serializer(), Tricky("a-b.c_d~e", "/v1/search?q=1&x=+%")))
        assertEquals("text=caf%C3%A9%20%E2%82%AC%20%F0%9F%8D%B5&page_size=20&sort=best&exact=false",
            encode(Query("café € 🍵")))
    }

    @Test
    fun anObjectRootIsEmpty() {
        assertEquals("", QueryString.encode(Marker.serializer(), Marker))
    }

    @Test
    fun unsupportedShapesAreRefused() {
        assertFailsWith<SerializationException> {
            QueryString.encode(WithObjects.serializer(), WithObjects(listOf(Item("a"))))
        }
        assertFailsWith<SerializationException> {
            QueryString.encode(WithMap.serializer(), WithMap(mapOf("color" to "red")))
        }
        assertFailsWith<SerializationException> {
            QueryString.encode(WithNestedList.serializer(), WithNestedList(listOf(listOf(1))))
        }
        assertFailsWith<SerializationException> { QueryString.encode(String.serializer(), "plain") }
        assertFailsWith<SerializationException> { QueryString.encode(ListSerializer(Int.serializer()), listOf(1)) }
    }
}
