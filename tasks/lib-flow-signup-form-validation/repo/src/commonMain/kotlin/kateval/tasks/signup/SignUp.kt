package kateval.tasks.signup

/** Asks the server whether a username is free. */
fun interface UsernameChecker {
    suspend fun isAvailable(username: String): Boolean
}

enum class Availability { IDLE, CHECKING, AVAILABLE, TAKEN, ERROR }

data class SignUpState(
    val username: String = "",
    val email: String = "",
    val password: String = "",
    val usernameError: String? = null,
    val emailError: String? = null,
    val passwordError: String? = null,
    val availability: Availability = Availability.IDLE,
    val canSubmit: Boolean = false,
)

const val USERNAME_ERROR = "3-20 characters: lowercase letters, digits or _"
const val EMAIL_ERROR = "not an email address"
const val PASSWORD_ERROR = "at least 8 characters, with a letter and a digit"
