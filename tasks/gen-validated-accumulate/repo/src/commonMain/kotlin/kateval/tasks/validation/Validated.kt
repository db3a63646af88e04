package kateval.tasks.validation

/** Either a valid value or a non-empty list of errors. */
sealed class Validated<out E, out A> {
    data class Valid<out A>(val value: A) : Validated<Nothing, A>()

    /** Must never hold an empty list (see instruction.md). */
    data class Invalid<out E>(val errors: List<E>) : Validated<E, Nothing>()
}

fun <E, A, B> Validated<E, A>.map(f: (A) -> B): Validated<E, B> = TODO("map")

fun <E, F, A> Validated<E, A>.mapErrors(f: (E) -> F): Validated<F, A> = TODO("mapErrors")

fun <E, A, B> Validated<E, A>.andThen(f: (A) -> Validated<E, B>): Validated<E, B> = TODO("andThen")

fun <E, A, B, C> Validated<E, A>.zip(other: Validated<E, B>, f: (A, B) -> C): Validated<E, C> = TODO("zip")

fun <E, A> Validated<E, A>.ensure(error: (A) -> E, predicate: (A) -> Boolean): Validated<E, A> = TODO("ensure")

fun <E, A> Validated<E, A>.getOrElse(fallback: (List<E>) -> A): A = TODO("getOrElse")

fun <E, A : Any> A?.toValidated(ifNull: () -> E): Validated<E, A> = TODO("toValidated")

fun <E, A> Iterable<Validated<E, A>>.sequence(): Validated<E, List<A>> = TODO("sequence")

fun <T, E, A> Iterable<T>.traverse(f: (T) -> Validated<E, A>): Validated<E, List<A>> = TODO("traverse")
