package kateval.tasks.products

import kotlin.test.Test
import kotlin.test.assertEquals

class ProductJsonExamplesTest {
    @Test
    fun wrappedWithOneTagAndAnImageObject() {
        assertEquals(Product("p1", "Kettle", listOf("kitchen"), listOf("https://img/1.png")),
            ProductJson.parseProduct("""{"data": {"id": "p1", "name": "Kettle", "tags": "kitchen",
                "images": [{"url": "https://img/1.png", "w": 640}]}}"""))
    }
}
