package kateval.tasks.notify

import kotlinx.datetime.LocalDate
import kotlin.time.Instant

/** Holds back messages during their users' quiet hours. See instruction.md. */
class QuietHoursScheduler(users: List<UserSettings>) {
    private val users: Map<String, UserSettings> = users.associateBy { it.userId }

    /** Whether [at] falls in the quiet hours of user [userId], read on the user's local clock. */
    fun isQuiet(userId: String, at: Instant): Boolean = TODO()

    /** When [message] is shown: at once, or when the quiet period it arrived in ends. */
    fun deliveryTime(message: Message): Instant = TODO()

    /** The quiet period of user [userId] that begins on the local date [date]; `null` when the user has none. */
    fun quietPeriod(userId: String, date: LocalDate): QuietPeriod? = TODO()

    /** A delivery for every message, in the order they are shown. */
    fun schedule(messages: List<Message>): List<Delivery> = TODO()
}
