package kateval.tasks.ordercurrency

/** "12.50 EUR" for 1250 cents. */
fun formatMoney(minor: Long): String {
    val sign = if (minor < 0) "-" else ""
    val digits = (if (minor < 0) -minor else minor).toString().padStart(3, '0')
    return "$sign${digits.dropLast(2)}.${digits.takeLast(2)} EUR"
}

/** One line per order line and a total line. */
fun formatOrder(order: Order): String = buildString {
    for (line in order.lines) {
        append("${line.quantity} x ${line.sku} @ ${formatMoney(line.unitPriceMinor)}\n")
    }
    append("total ${formatMoney(order.totalMinor())}")
}
