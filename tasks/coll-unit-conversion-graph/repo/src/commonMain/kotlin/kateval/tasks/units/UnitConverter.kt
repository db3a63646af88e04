package kateval.tasks.units

/** Converts between units through chains of [rules]. See instruction.md. */
class UnitConverter(rules: List<Rule>) {
    fun factor(from: String, to: String): Rational? = TODO("factor")

    fun convert(amount: Rational, from: String, to: String): Rational? = TODO("convert")

    fun unitsLike(unit: String): List<String> = TODO("unitsLike")
}
