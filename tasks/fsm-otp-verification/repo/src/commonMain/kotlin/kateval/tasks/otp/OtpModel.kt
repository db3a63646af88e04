package kateval.tasks.otp

/** Limits for one-time-code verification. All times are in seconds. */
data class OtpPolicy(
    val codeTtlSeconds: Long = 300,
    val maxAttempts: Int = 3,
    val resendCooldownSeconds: Long = 30,
    val maxSends: Int = 3,
    val lockoutSeconds: Long = 900,
) {
    init {
        require(codeTtlSeconds > 0) { "codeTtlSeconds must be positive" }
        require(maxAttempts > 0) { "maxAttempts must be positive" }
        require(resendCooldownSeconds >= 0) { "resendCooldownSeconds must not be negative" }
        require(maxSends > 0) { "maxSends must be positive" }
        require(lockoutSeconds > 0) { "lockoutSeconds must be positive" }
    }
}

sealed interface OtpState {
    data object Idle : OtpState

    /**
     * A code was sent at [sentAt]. [attemptsLeft] wrong submissions remain for this code and
     * [sendsUsed] codes have been sent in this session (the first code counts).
     */
    data class AwaitingCode(val code: String, val sentAt: Long, val attemptsLeft: Int, val sendsUsed: Int) : OtpState

    data object Verified : OtpState

    /** No progress is possible before [until]. */
    data class Locked(val until: Long) : OtpState
}

/** Every event carries the current time [now] in seconds. */
sealed interface OtpEvent {
    val now: Long

    data class RequestCode(override val now: Long) : OtpEvent

    data class Resend(override val now: Long) : OtpEvent

    data class Submit(val code: String, override val now: Long) : OtpEvent

    data class Reset(override val now: Long) : OtpEvent
}

enum class RejectReason { NO_ACTIVE_CODE, EXPIRED, WRONG_CODE, COOLDOWN, SEND_LIMIT, LOCKED, ALREADY_VERIFIED }

/** What the surrounding system must do or show after an event. */
sealed interface Effect {
    data class SendCode(val code: String) : Effect

    data object Accepted : Effect

    data class Rejected(val reason: RejectReason) : Effect

    data class LockedOut(val until: Long) : Effect
}
