package kateval.tasks.billing

/** An amount of money in cents (hundredths of the currency unit). May be negative. */
@kotlin.jvm.JvmInline
value class Cents(val amount: Long) : Comparable<Cents> {

    operator fun plus(other: Cents): Cents = TODO("plus")

    operator fun minus(other: Cents): Cents = TODO("minus")

    operator fun times(quantity: Int): Cents = TODO("times")

    override fun compareTo(other: Cents): Int = TODO("compareTo")

    /** Decimal text with exactly two fraction digits, e.g. "1234.50", "-0.05". */
    fun format(): String = TODO("format")

    companion object {
        val ZERO: Cents = Cents(0)

        /** Parses decimal text such as "12.3" or "-0.05"; see instruction.md. */
        fun parse(text: String): Cents = TODO("parse")
    }
}
