package kateval.tasks.cartpromo

/** Prices [lines] with [promotions]. See instruction.md. */
fun price(lines: List<CartLine>, promotions: List<Promotion>): Receipt {
    TODO("price")
}
