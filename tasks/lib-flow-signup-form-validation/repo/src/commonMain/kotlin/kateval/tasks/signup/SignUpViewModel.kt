package kateval.tasks.signup

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.StateFlow

/** The sign-up form. See instruction.md for the rules. */
class SignUpViewModel(private val checker: UsernameChecker, scope: CoroutineScope) {
    val state: StateFlow<SignUpState>
        get() = TODO()

    fun onUsername(text: String) {
        TODO()
    }

    fun onEmail(text: String) {
        TODO()
    }

    fun onPassword(text: String) {
        TODO()
    }
}
