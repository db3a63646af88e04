package kateval.tasks.otp

/**
 * State machine for verifying a one-time code sent by SMS or e-mail.
 * [generateCode] is called exactly once for every code that is sent.
 */
class OtpVerifier(
    private val policy: OtpPolicy = OtpPolicy(),
    private val generateCode: () -> String,
) {
    val state: OtpState
        get() = TODO("state")

    /** Applies [event] to the current state and returns the resulting effects, in order. */
    fun handle(event: OtpEvent): List<Effect> {
        TODO("handle")
    }
}
