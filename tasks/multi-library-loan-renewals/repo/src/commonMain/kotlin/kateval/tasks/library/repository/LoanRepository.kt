package kateval.tasks.library.repository

import kateval.tasks.library.model.Loan

interface LoanRepository {
    fun find(id: String): Loan?
    fun save(loan: Loan)
    fun all(): List<Loan>
    fun loansOf(memberId: String): List<Loan>
}

/** Simple in-memory repository; keeps loans in insertion order, [save] replaces a loan with the same id. */
class InMemoryLoanRepository : LoanRepository {
    private val loans = LinkedHashMap<String, Loan>()

    override fun find(id: String): Loan? = loans[id]

    override fun save(loan: Loan) {
        loans[loan.id] = loan
    }

    override fun all(): List<Loan> = loans.values.toList()

    override fun loansOf(memberId: String): List<Loan> = loans.values.filter { it.memberId == memberId }
}
