package kateval.tasks.ordercurrency

/** Rules checked before an order is submitted. */
object OrderValidator {
    const val MAX_TOTAL_EUR_CENTS = 1_000_000L

    fun validate(order: Order): List<String> {
        val errors = mutableListOf<String>()
        if (order.lines.isEmpty()) errors += "order has no lines"
        val skus = order.lines.map { it.sku }
        if (skus.size != skus.toSet().size) errors += "duplicate sku"
        if (order.totalMinor() > MAX_TOTAL_EUR_CENTS) errors += "order total too high"
        return errors
    }
}
