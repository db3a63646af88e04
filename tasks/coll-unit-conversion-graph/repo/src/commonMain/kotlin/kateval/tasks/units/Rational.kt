package kateval.tasks.units

/** An exact fraction, always normalized: den > 0 and gcd(|num|, den) == 1. */
class Rational private constructor(val num: Long, val den: Long) {
    operator fun times(o: Rational): Rational = of(num * o.num, den * o.den)

    operator fun div(o: Rational): Rational {
        require(o.num != 0L) { "division by zero" }
        return of(num * o.den, den * o.num)
    }

    fun inverse(): Rational = ONE / this

    val isPositive: Boolean get() = num > 0

    override fun equals(other: Any?) = other is Rational && other.num == num && other.den == den

    override fun hashCode() = num.hashCode() * 31 + den.hashCode()

    override fun toString() = if (den == 1L) "$num" else "$num/$den"

    companion object {
        val ONE = Rational(1, 1)

        private fun gcd(a: Long, b: Long): Long {
            var x = if (a < 0) -a else a
            var y = if (b < 0) -b else b
            while (y != 0L) { val t = x % y; x = y; y = t }
            return x
        }

        fun of(num: Long, den: Long = 1): Rational {
            require(den != 0L) { "zero denominator" }
            val g = gcd(num, den).let { if (it == 0L) 1 else it }
            val s = if (den < 0) -1 else 1
            return Rational(s * num / g, s * den / g)
        }
    }
}

/** `1 from = factor to`. */
data class Rule(val from: String, val to: String, val factor: Rational)
