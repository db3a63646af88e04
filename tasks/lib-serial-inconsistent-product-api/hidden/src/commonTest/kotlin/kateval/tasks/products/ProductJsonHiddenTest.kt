package kateval.tasks.products

import kotlinx.serialization.SerializationException
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class ProductJsonHiddenTest {
    @Test
    fun bareProductWithArrays() {
        assertEquals(Product("p2", "Mug", listOf("kitchen", "gift"), listOf("a.png", "b.png")),
            ProductJson.parseProduct("""{"id":"p2","name":"Mug","tags":["kitchen","gift"],"images":["a.png","b.png"]}"""))
    }

    @Test
    fun tagsInEveryShape() {
        fun tags(json: String) = ProductJson.parseProduct("""{"id":"p","name":"n"$json}""").tags
        assertEquals(listOf("solo"), tags(""","tags":"solo""""))
        assertEquals(listOf("a", "b"), tags(""","tags":["a","b"]"""))
        assertEquals(emptyList(), tags(""","tags":[]"""))
        assertEquals(emptyList(), tags(""","tags":null"""))
        assertEquals(emptyList(), tags(""))
    }

    @Test
    fun imagesInEveryShape() {
        fun images(json: String) = ProductJson.parseProduct("""{"id":"p","name":"n"$json}""").images
        assertEquals(listOf("x.png"), images(""","images":"x.png""""))
        assertEquals(listOf("y.png"), images(""","images":{"url":"y.png","alt":"a mug"}"""))
        assertEquals(listOf("a.png", "b.png", "c.png"),
            images(""","images":["a.png",{"url":"b.png","h":10},"c.png"]"""))
        assertEquals(emptyList(), images(""","images":null"""))
        assertEquals(emptyList(), images(""))
    }

    @Test
    fun unknownFieldsAreIgnored() {
        assertEquals(Product("p3", "Teapot"),
            ProductJson.parseProduct("""{"id":"p3","name":"Teapot","price":{"amount":12},"stock":3}"""))
    }

    @Test
    fun aListWrappedOrBare() {
        val expected = listOf(Product("p1", "Kettle", listOf("kitchen")), Product("p2", "Mug", images = listOf("m.png")))
        val items = """[{"id":"p1","name":"Kettle","tags":"kitchen"},{"id":"p2","name":"Mug","images":{"url":"m.png"}}]"""
        assertEquals(expected, ProductJson.parseProducts(items))
        assertEquals(expected, ProductJson.parseProducts("""{"data":$items}"""))
        assertEquals(emptyList(), ProductJson.parseProducts("""{"data":[]}"""))
    }

    @Test
    fun aFieldNamedDataAmongOthersIsNotAWrapper() {
        assertEquals(Product("p4", "Router"),
            ProductJson.parseProduct("""{"id":"p4","name":"Router","data":{"id":"other","name":"x"}}"""))
    }

    @Test
    fun missingOrWrongFieldsAreErrors() {
        assertFailsWith<SerializationException> { ProductJson.parseProduct("""{"name":"no id"}""") }
        assertFailsWith<SerializationException> { ProductJson.parseProduct("""{"data":{"id":"p5"}}""") }
        assertFailsWith<SerializationException> { ProductJson.parseProduct("""{"id":"p6","name":"n","tags":{"a":1}}""") }
        assertFailsWith<SerializationException> { ProductJson.parseProducts("""{"data":{"id":"p7","name":"n"}}""") }
    }

    @Test
    fun writesOneCleanShape() {
        assertEquals("""{"id":"p1","name":"Kettle","tags":["kitchen"],"images":["https://img/1.png"]}""",
            ProductJson.write(Product("p1", "Kettle", listOf("kitchen"), listOf("https://img/1.png"))))
        assertEquals("""{"id":"p2","name":"Mug"}""", ProductJson.write(Product("p2", "Mug")))
        assertEquals("""{"id":"p3","name":"Cup","tags":["a","b"]}""", ProductJson.write(Product("p3", "Cup", listOf("a", "b"))))
    }

    @Test
    fun writtenProductsReadBack() {
        val product = Product("p8", "Quote \" and \\", listOf("x"), listOf("u1", "u2"))
        assertEquals(product, ProductJson.parseProduct(ProductJson.write(product)))
    }
}
