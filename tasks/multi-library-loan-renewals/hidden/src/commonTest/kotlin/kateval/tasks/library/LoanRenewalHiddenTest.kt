package kateval.tasks.library

import kateval.tasks.library.model.LoanPolicy
import kateval.tasks.library.report.LoanReportFormatter
import kateval.tasks.library.repository.InMemoryLoanRepository
import kateval.tasks.library.service.LoanService
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class LoanRenewalHiddenTest {
    private fun setup(policy: LoanPolicy = LoanPolicy()): Pair<InMemoryLoanRepository, LoanService> {
        val repo = InMemoryLoanRepository()
        return repo to LoanService(repo, policy)
    }

    @Test
    fun renewalExtendsFromCurrentDueDayAndIsPersisted() {
        val (repo, service) = setup()
        service.borrow("L1", "Dune", "m-1", today = 100) // due 121
        val renewed = service.renew("L1", today = 110)
        assertEquals(135, renewed.dueOn)
        assertEquals(100, renewed.borrowedOn)
        assertEquals(135, repo.find("L1")!!.dueOn)
    }

    @Test
    fun renewingOnTheDueDayIsAllowed() {
        val (_, service) = setup()
        service.borrow("L1", "Dune", "m-1", today = 100)
        assertEquals(135, service.renew("L1", today = 121).dueOn)
    }

    @Test
    fun overdueLoanCannotBeRenewedAndStaysUnchanged() {
        val (repo, service) = setup()
        service.borrow("L1", "Dune", "m-1", today = 100)
        assertFailsWith<IllegalStateException> { service.renew("L1", today = 122) }
        assertEquals(121, repo.find("L1")!!.dueOn)
        assertEquals(
            "Loans for m-1:\n- Dune (due day 121, OVERDUE by 1 day)",
            LoanReportFormatter.format("m-1", repo.loansOf("m-1"), today = 122),
        )
    }

    @Test
    fun unknownLoanThrowsNoSuchElement() {
        val (_, service) = setup()
        assertFailsWith<NoSuchElementException> { service.renew("nope", today = 1) }
    }

    @Test
    fun returnedLoanCannotBeRenewed() {
        val (_, service) = setup()
        service.borrow("L1", "Dune", "m-1", today = 100)
        service.giveBack("L1", today = 105)
        assertFailsWith<IllegalStateException> { service.renew("L1", today = 106) }
    }

    @Test
    fun renewalLimitIsEnforced() {
        val (repo, service) = setup()
        service.borrow("L1", "Dune", "m-1", today = 100)
        service.renew("L1", today = 101)
        assertEquals(149, service.renew("L1", today = 102).dueOn)
        assertFailsWith<IllegalStateException> { service.renew("L1", today = 103) }
        assertEquals(149, repo.find("L1")!!.dueOn)
    }

    @Test
    fun customPolicyIsHonoured() {
        val (_, service) = setup(LoanPolicy(loanDays = 7, renewalDays = 3, maxRenewals = 3))
        service.borrow("L1", "Dune", "m-1", today = 0) // due 7
        assertEquals(10, service.renew("L1", today = 7).dueOn)
        assertEquals(13, service.renew("L1", today = 10).dueOn)
        assertEquals(16, service.renew("L1", today = 10).dueOn)
        assertFailsWith<IllegalStateException> { service.renew("L1", today = 11) }
    }

    @Test
    fun zeroRenewalsPolicyForbidsRenewal() {
        val (_, service) = setup(LoanPolicy(maxRenewals = 0))
        service.borrow("L1", "Dune", "m-1", today = 100)
        assertFailsWith<IllegalStateException> { service.renew("L1", today = 100) }
    }

    @Test
    fun anotherOverdueLoanOfTheSameMemberBlocksRenewal() {
        val (_, service) = setup()
        service.borrow("OLD", "Emma", "m-1", today = 50)   // due 71
        service.borrow("NEW", "Dune", "m-1", today = 70)   // due 91
        service.borrow("X", "Ulysses", "m-2", today = 40)  // due 61, other member
        assertFailsWith<IllegalStateException> { service.renew("NEW", today = 80) }
        service.giveBack("OLD", today = 80)
        // an overdue loan of a different member is irrelevant
        assertEquals(105, service.renew("NEW", today = 80).dueOn)
    }

    @Test
    fun reportShowsRenewalCountAsLastPart() {
        val (repo, service) = setup()
        service.borrow("L1", "Dune", "m-1", today = 100)     // due 121
        service.borrow("L2", "Emma", "m-1", today = 100)     // due 121
        service.borrow("L3", "Ulysses", "m-1", today = 100)  // due 121
        service.renew("L1", today = 101)                      // due 135
        service.renew("L2", today = 101)
        service.renew("L2", today = 101)                      // due 149
        assertEquals(
            "Loans for m-1:\n" +
                "- Ulysses (due day 121)\n" +
                "- Dune (due day 135, renewed 1x)\n" +
                "- Emma (due day 149, renewed 2x)",
            LoanReportFormatter.format("m-1", repo.loansOf("m-1"), today = 110),
        )
        assertEquals(
            "Loans for m-1:\n" +
                "- Ulysses (due day 121, OVERDUE by 29 days)\n" +
                "- Dune (due day 135, OVERDUE by 15 days, renewed 1x)\n" +
                "- Emma (due day 149, OVERDUE by 1 day, renewed 2x)",
            LoanReportFormatter.format("m-1", repo.loansOf("m-1"), today = 150),
        )
    }

    @Test
    fun renewalCountSurvivesReturn() {
        val (repo, service) = setup()
        service.borrow("L1", "Dune", "m-1", today = 100)
        service.renew("L1", today = 120)
        val returned = service.giveBack("L1", today = 130)
        assertEquals(135, returned.dueOn)
        assertEquals(
            "Loans for m-1:\n- Dune (returned day 130, renewed 1x)",
            LoanReportFormatter.format("m-1", repo.loansOf("m-1"), today = 140),
        )
    }

    @Test
    fun freshLoansHaveNoRenewalNote() {
        val (repo, service) = setup()
        service.borrow("b", "Émile", "m-9", today = 5)
        service.borrow("a", "Zoë", "m-9", today = 5)
        assertEquals(
            "Loans for m-9:\n- Zoë (due day 26)\n- Émile (due day 26)",
            LoanReportFormatter.format("m-9", repo.loansOf("m-9"), today = 5),
        )
        assertEquals("Loans for m-0: none", LoanReportFormatter.format("m-0", emptyList(), today = 5))
    }
}
