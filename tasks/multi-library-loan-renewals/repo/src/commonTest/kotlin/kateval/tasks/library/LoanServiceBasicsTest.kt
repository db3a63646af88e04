package kateval.tasks.library

import kateval.tasks.library.report.LoanReportFormatter
import kateval.tasks.library.repository.InMemoryLoanRepository
import kateval.tasks.library.service.LoanService
import kotlin.test.Test
import kotlin.test.assertEquals

class LoanServiceBasicsTest {
    @Test
    fun borrowAndReturnAreReported() {
        val repo = InMemoryLoanRepository()
        val service = LoanService(repo)
        service.borrow("L1", "Dune", "m-1", today = 100)
        service.borrow("L2", "Emma", "m-1", today = 90)
        service.giveBack("L2", today = 95)
        assertEquals(
            "Loans for m-1:\n- Emma (returned day 95)\n- Dune (due day 121)",
            LoanReportFormatter.format("m-1", repo.loansOf("m-1"), today = 101),
        )
    }
}
