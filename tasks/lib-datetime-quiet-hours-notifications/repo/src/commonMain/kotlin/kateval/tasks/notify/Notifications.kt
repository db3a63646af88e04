package kateval.tasks.notify

import kotlinx.datetime.LocalTime
import kotlinx.datetime.TimeZone
import kotlin.time.Instant

/** Quiet from local [start] (included) to local [end] (excluded); may span midnight (22:00 to 07:00). */
data class QuietHours(val start: LocalTime, val end: LocalTime)

/** A user's own [zone] and quiet hours (`null`: none). */
data class UserSettings(val userId: String, val zone: TimeZone, val quietHours: QuietHours?)

data class Message(val id: String, val userId: String, val arrivedAt: Instant, val urgent: Boolean = false)

/** [message] is shown to its user at [deliverAt]. */
data class Delivery(val message: Message, val deliverAt: Instant)

/** One night's (or day's) quiet hours as instants: from [start] (included) to [end] (excluded). */
data class QuietPeriod(val start: Instant, val end: Instant)
