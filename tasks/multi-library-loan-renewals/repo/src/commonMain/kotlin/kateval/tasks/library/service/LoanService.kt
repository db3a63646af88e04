package kateval.tasks.library.service

import kateval.tasks.library.model.Loan
import kateval.tasks.library.model.LoanPolicy
import kateval.tasks.library.repository.LoanRepository

class LoanService(
    private val repository: LoanRepository,
    private val policy: LoanPolicy = LoanPolicy(),
) {
    /**
     * Lends [bookTitle] to [memberId] starting [today]; due after `policy.loanDays` days.
     *
     * @throws IllegalArgumentException if a loan with [loanId] already exists
     * @throws IllegalStateException if the member already has `policy.maxActiveLoans` active loans
     */
    fun borrow(loanId: String, bookTitle: String, memberId: String, today: Int): Loan {
        require(repository.find(loanId) == null) { "Loan $loanId already exists" }
        val active = repository.loansOf(memberId).count { it.isActive }
        check(active < policy.maxActiveLoans) { "Member $memberId has too many active loans" }
        val loan = Loan(
            id = loanId,
            bookTitle = bookTitle,
            memberId = memberId,
            borrowedOn = today,
            dueOn = today + policy.loanDays,
        )
        repository.save(loan)
        return loan
    }

    /**
     * Marks the loan as returned on [today].
     *
     * @throws NoSuchElementException if there is no loan with [loanId]
     * @throws IllegalStateException if the loan was already returned
     */
    fun giveBack(loanId: String, today: Int): Loan {
        val loan = repository.find(loanId) ?: throw NoSuchElementException("Unknown loan $loanId")
        check(loan.isActive) { "Loan $loanId was already returned" }
        val returned = loan.copy(returnedOn = today)
        repository.save(returned)
        return returned
    }

    /** Extends an active loan. See instruction for the rules. */
    fun renew(loanId: String, today: Int): Loan {
        TODO("renewals are not implemented yet")
    }
}
