package kateval.tasks.ordercurrency

/** One line of an order; [unitPriceMinor] is in minor units (cents) of [currency]. */
data class OrderLine(
    val sku: String,
    val quantity: Int,
    val unitPriceMinor: Long,
)

data class Order(val id: String, val lines: List<OrderLine>) {
    fun totalMinor(): Long {
        TODO()
        return lines.sumOf { it.quantity * it.unitPriceMinor }
    }
}
