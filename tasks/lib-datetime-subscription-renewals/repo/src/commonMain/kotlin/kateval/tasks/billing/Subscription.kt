package kateval.tasks.billing

import kotlinx.datetime.DatePeriod
import kotlinx.datetime.LocalDate
import kotlinx.datetime.TimeZone
import kotlin.time.Instant

enum class BillingCycle { MONTHLY, YEARLY }

/**
 * A customer's subscription: signed up on [signupDate] (in the customer's [zone]), billed every
 * month or every year after a free [trial] (none by default).
 */
data class Subscription(
    val id: String,
    val signupDate: LocalDate,
    val cycle: BillingCycle,
    val zone: TimeZone,
    val trial: DatePeriod = DatePeriod(),
)

/** Charge number [number] (0 is the first charge) falls on [date] and is due at [dueAt]. */
data class Charge(val number: Int, val date: LocalDate, val dueAt: Instant)
