package kateval.tasks.library.model

/**
 * A single loan of a book to a library member.
 *
 * All dates are day numbers (days since the library's epoch), so "day 120" is simply 120.
 */
data class Loan(
    val id: String,
    val bookTitle: String,
    val memberId: String,
    val borrowedOn: Int,
    val dueOn: Int,
    val returnedOn: Int? = null,
) {
    val isActive: Boolean get() = returnedOn == null

    /** An active loan is overdue once [today] is strictly after its due day. */
    fun isOverdue(today: Int): Boolean = isActive && today > dueOn
}
