package kateval.tasks.cartpromo

/** The cart screen's reducer. See instruction.md. */
class CartReducer(private val automatic: List<Promotion>, private val codes: Map<String, Promotion>) {
    fun reduce(state: CartState, action: CartAction): CartState {
        TODO("reduce")
    }
}
