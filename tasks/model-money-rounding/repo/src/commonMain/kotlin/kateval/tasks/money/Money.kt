package kateval.tasks.money

data class Currency(val code: String, val exponent: Int) {
    init {
        require(exponent in 0..4) { "exponent must be in 0..4" }
    }
}

enum class Rounding { DOWN, FLOOR, CEILING, HALF_UP, HALF_EVEN }

/** An amount of [currency] in minor units. See instruction.md. */
data class Money(val minor: Long, val currency: Currency) {
    operator fun plus(other: Money): Money = TODO("plus")

    operator fun minus(other: Money): Money = TODO("minus")

    fun times(factor: String, rounding: Rounding): Money = TODO("times")

    fun format(): String = TODO("format")

    companion object {
        fun parse(amount: String, currency: Currency, rounding: Rounding = Rounding.HALF_EVEN): Money = TODO("parse")
    }
}
