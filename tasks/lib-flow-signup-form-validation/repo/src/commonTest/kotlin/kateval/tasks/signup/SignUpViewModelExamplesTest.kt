package kateval.tasks.signup

import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals

class SignUpViewModelExamplesTest {
    @Test
    fun aCompleteForm() = runTest {
        val viewModel = SignUpViewModel({ it != "admin" }, backgroundScope)
        viewModel.onUsername("ada_l")
        viewModel.onEmail("ada@example.org")
        viewModel.onPassword("engine42")
        advanceTimeBy(400)
        runCurrent()
        assertEquals(SignUpState("ada_l", "ada@example.org", "engine42", availability = Availability.AVAILABLE,
            canSubmit = true), viewModel.state.value)
    }
}
