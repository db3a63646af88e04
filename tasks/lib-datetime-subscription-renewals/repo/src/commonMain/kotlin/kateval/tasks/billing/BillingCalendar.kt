package kateval.tasks.billing

import kotlin.time.Instant

/** When a subscription is charged. See instruction.md. */
object BillingCalendar {
    /** Charge number [number] (0 is the first). Throws [IllegalArgumentException] when [number] < 0. */
    fun charge(subscription: Subscription, number: Int): Charge = TODO()

    /** The first charge that is not yet past at [now]: the first whose `dueAt` is at or after [now]. */
    fun nextCharge(subscription: Subscription, now: Instant): Charge = TODO()

    /** Calendar days in the customer's zone from the local date at [now] to the date of [nextCharge]. */
    fun daysUntilRenewal(subscription: Subscription, now: Instant): Int = TODO()

    /** The charges due in `[from, until)`, in order; empty when [until] is not after [from]. */
    fun chargesDue(subscription: Subscription, from: Instant, until: Instant): List<Charge> = TODO()
}
