package kateval.tasks.billing

/** One invoice line. [taxRateBasisPoints] is the tax rate in 1/100 of a percent (2000 = 20 %). */
data class LineItem(
    val sku: String,
    val unitPrice: Cents,
    val quantity: Int,
    val taxRateBasisPoints: Int,
)

/** A discount. A null [sku] means the discount applies to the whole invoice. */
sealed interface Discount {
    /** [basisPoints] off, 1..10000 (1000 = 10 %). */
    data class PercentOff(val basisPoints: Int, val sku: String? = null) : Discount

    /** A fixed amount off; [amount] must be positive. */
    data class AmountOff(val amount: Cents, val sku: String? = null) : Discount

    /** For every complete group of `buy + free` units of [sku], [free] units are free. */
    data class BuyXGetYFree(val sku: String, val buy: Int, val free: Int) : Discount
}

data class LineResult(
    val sku: String,
    val gross: Cents,
    val discount: Cents,
    val taxable: Cents,
    val tax: Cents,
)

data class InvoiceSummary(
    val lines: List<LineResult>,
    val subtotal: Cents,
    val discountTotal: Cents,
    val taxTotal: Cents,
    val total: Cents,
)

/** Computes the invoice; the exact rules are in instruction.md. */
fun computeInvoice(lines: List<LineItem>, discounts: List<Discount>): InvoiceSummary = TODO("computeInvoice")
