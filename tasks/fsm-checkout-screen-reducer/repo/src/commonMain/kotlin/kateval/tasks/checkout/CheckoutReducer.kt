package kateval.tasks.checkout

/** The checkout screen's reducer. See instruction.md. */
fun reduce(state: CheckoutState, intent: Intent): Next {
    TODO("reduce")
}
