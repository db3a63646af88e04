package kateval.tasks.prorate

/**
 * Splits [discountCents] across [lineAmounts] proportionally, using the largest
 * remainder method. See instruction.md for the exact rules.
 */
fun prorateDiscount(lineAmounts: List<Long>, discountCents: Long): List<Long> {
    TODO("prorate the discount across the lines")
}
