package kateval.tasks.library.model

/**
 * Lending rules of the library.
 *
 * [renewalDays] and [maxRenewals] were added for the upcoming renewal feature and are not used yet.
 */
data class LoanPolicy(
    val loanDays: Int = 21,
    val maxActiveLoans: Int = 5,
    val renewalDays: Int = 14,
    val maxRenewals: Int = 2,
) {
    init {
        require(loanDays > 0) { "loanDays must be positive" }
        require(maxActiveLoans > 0) { "maxActiveLoans must be positive" }
        require(renewalDays > 0) { "renewalDays must be positive" }
        require(maxRenewals >= 0) { "maxRenewals must not be negative" }
    }
}
