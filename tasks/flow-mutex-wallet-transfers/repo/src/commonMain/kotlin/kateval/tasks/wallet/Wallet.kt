package kateval.tasks.wallet

/** A wallet guarded by a coroutine Mutex; see instruction.md. */
class Wallet(val id: String, initial: Long) {
    suspend fun balance(): Long {
        TODO()
    }

    suspend fun deposit(amount: Long) {
        TODO()
    }

    suspend fun withdraw(amount: Long): Boolean {
        TODO()
    }

    suspend fun transferTo(other: Wallet, amount: Long): Boolean {
        TODO()
    }

    suspend fun history(): List<Long> {
        TODO()
    }
}

/** A consistent total of the balances of [wallets]. */
suspend fun totalOf(wallets: List<Wallet>): Long {
    TODO()
}
