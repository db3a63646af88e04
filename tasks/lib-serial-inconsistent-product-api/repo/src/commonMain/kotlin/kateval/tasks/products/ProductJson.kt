package kateval.tasks.products

/** Reads the product API's JSON and writes the app's cache. See instruction.md. */
object ProductJson {
    fun parseProduct(text: String): Product = TODO()

    fun parseProducts(text: String): List<Product> = TODO()

    fun write(product: Product): String = TODO()
}
