package kateval.tasks.library.report

import kateval.tasks.library.model.Loan

object LoanReportFormatter {
    /**
     * Renders the loans of one member, ordered by due day and then by loan id:
     *
     * ```
     * Loans for m-1:
     * - Dune (due day 130)
     * - Emma (due day 100, OVERDUE by 5 days)
     * - Ulysses (returned day 90)
     * ```
     *
     * An empty list renders as the single line `Loans for m-1: none`.
     * Lines are separated by '\n', without a trailing newline.
     */
    fun format(memberId: String, loans: List<Loan>, today: Int): String {
        if (loans.isEmpty()) return "Loans for $memberId: none"
        val lines = loans
            .sortedWith(compareBy<Loan> { it.dueOn }.thenBy { it.id })
            .map { "- ${it.bookTitle} (${describe(it, today)})" }
        return (listOf("Loans for $memberId:") + lines).joinToString("\n")
    }

    private fun describe(loan: Loan, today: Int): String {
        val returnedOn = loan.returnedOn
        if (returnedOn != null) return "returned day $returnedOn"
        val base = "due day ${loan.dueOn}"
        if (!loan.isOverdue(today)) return base
        val late = today - loan.dueOn
        return "$base, OVERDUE by $late ${if (late == 1) "day" else "days"}"
    }
}
