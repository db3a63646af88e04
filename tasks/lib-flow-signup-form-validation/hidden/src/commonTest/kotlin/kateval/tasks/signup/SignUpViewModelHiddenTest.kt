package kateval.tasks.signup

import kotlinx.coroutines.delay
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** Names in `taken` are taken; names in `failing` throw; each check takes `latency` ms. */
class FakeChecker(
    private val taken: Set<String> = emptySet(),
    private val failing: Set<String> = emptySet(),
    private val latency: Long = 100,
) : UsernameChecker {
    val asked = mutableListOf<String>()
    val answered = mutableListOf<String>()

    override suspend fun isAvailable(username: String): Boolean {
        asked += username
        delay(latency)
        if (username in failing) throw IllegalStateException("HTTP 500")
        answered += username
        return username !in taken
    }
}

class SignUpViewModelHiddenTest {
    private fun TestScope.at(millis: Long) {
        advanceTimeBy(millis - testScheduler.currentTime)
        runCurrent()
    }

    private fun TestScope.form(checker: UsernameChecker = FakeChecker()): SignUpViewModel {
        val viewModel = SignUpViewModel(checker, backgroundScope)
        runCurrent()
        return viewModel
    }

    @Test
    fun startsEmptyWithoutErrors() = runTest {
        assertEquals(SignUpState(), form().state.value)
    }

    @Test
    fun usernameRules() = runTest {
        val viewModel = form()
        fun error(name: String): String? {
            viewModel.onUsername(name)
            runCurrent()
            return viewModel.state.value.usernameError
        }
        for (ok in listOf("abc", "a_1", "x".repeat(20), "___", "007")) assertNull(error(ok), ok)
        for (bad in listOf("ab", "x".repeat(21), "Abc", "a b", "a-b", "zoë", "abc!")) assertEquals(USERNAME_ERROR, error(bad), bad)
        assertNull(error(""))
    }

    @Test
    fun emailRules() = runTest {
        val viewModel = form()
        fun error(text: String): String? {
            viewModel.onEmail(text)
            runCurrent()
            return viewModel.state.value.emailError
        }
        for (ok in listOf("a@b.c", "ada.l@mail.example.org", "x+y@d.io")) assertNull(error(ok), ok)
        for (bad in listOf("ada", "@b.c", "a@", "a@bc", "a@.bc", "a@bc.", "a@b@c.d", "a b@c.d", "a@c.d ")) {
            assertEquals(EMAIL_ERROR, error(bad), bad)
        }
        assertNull(error(""))
    }

    @Test
    fun passwordRules() = runTest {
        val viewModel = form()
        fun error(text: String): String? {
            viewModel.onPassword(text)
            runCurrent()
            return viewModel.state.value.passwordError
        }
        for (ok in listOf("abcdefg1", "1234567x", "pass word 9")) assertNull(error(ok), ok)
        for (bad in listOf("abc1", "abcdefgh", "12345678", "abcdef1")) assertEquals(PASSWORD_ERROR, error(bad), bad)
        assertNull(error(""))
    }

    @Test
    fun checkingStartsAtOnceAndTheCallWaitsForAPause() = runTest {
        val checker = FakeChecker()
        val viewModel = form(checker)
        viewModel.onUsername("ad")
        runCurrent()
        assertEquals(Availability.IDLE, viewModel.state.value.availability)
        at(100)
        viewModel.onUsername("ada")
        runCurrent()
        assertEquals(Availability.CHECKING, viewModel.state.value.availability)
        at(300)
        viewModel.onUsername("adal")
        at(699)
        assertEquals(emptyList(), checker.asked)
        at(700)
        assertEquals(listOf("adal"), checker.asked)
        assertEquals(Availability.CHECKING, viewModel.state.value.availability)
        at(800)
        assertEquals(Availability.AVAILABLE, viewModel.state.value.availability)
    }

    @Test
    fun aTakenNameAndAFailingCheck() = runTest {
        val viewModel = form(FakeChecker(taken = setOf("admin"), failing = setOf("oops")))
        viewModel.onUsername("admin")
        at(1_000)
        assertEquals(Availability.TAKEN, viewModel.state.value.availability)
        viewModel.onUsername("oops")
        at(2_000)
        assertEquals(Availability.ERROR, viewModel.state.value.availability)
        assertNull(viewModel.state.value.usernameError)
    }

    @Test
    fun aChangeCancelsTheRunningCheck() = runTest {
        val checker = FakeChecker(latency = 1_000)
        val viewModel = form(checker)
        viewModel.onUsername("first")
        at(600)
        assertEquals(listOf("first"), checker.asked)
        viewModel.onUsername("second")
        at(10_000)
        assertEquals(listOf("first", "second"), checker.asked)
        assertEquals(listOf("second"), checker.answered)
        assertEquals("second", viewModel.state.value.username)
        assertEquals(Availability.AVAILABLE, viewModel.state.value.availability)
    }

    @Test
    fun anInvalidNameStopsTheCheckAndIsIdle() = runTest {
        val checker = FakeChecker(latency = 1_000)
        val viewModel = form(checker)
        viewModel.onUsername("first")
        at(600)
        viewModel.onUsername("No")
        at(10_000)
        assertEquals(emptyList(), checker.answered)
        assertEquals(Availability.IDLE, viewModel.state.value.availability)
        assertEquals(USERNAME_ERROR, viewModel.state.value.usernameError)
    }

    @Test
    fun canSubmitNeedsEveryFieldAndAFreeName() = runTest {
        val viewModel = form(FakeChecker(taken = setOf("taken_1")))
        viewModel.onEmail("ada@example.org")
        viewModel.onPassword("engine42")
        at(1_000)
        assertFalse(viewModel.state.value.canSubmit)
        viewModel.onUsername("taken_1")
        at(2_000)
        assertFalse(viewModel.state.value.canSubmit)
        viewModel.onUsername("free_1")
        runCurrent()
        assertFalse(viewModel.state.value.canSubmit)
        at(3_000)
        assertTrue(viewModel.state.value.canSubmit)
        viewModel.onPassword("engine")
        runCurrent()
        assertFalse(viewModel.state.value.canSubmit)
        viewModel.onPassword("engine43")
        runCurrent()
        assertTrue(viewModel.state.value.canSubmit)
        viewModel.onEmail("ada@example")
        runCurrent()
        assertFalse(viewModel.state.value.canSubmit)
    }

    @Test
    fun otherFieldsDoNotRestartTheCheck() = runTest {
        val checker = FakeChecker()
        val viewModel = form(checker)
        viewModel.onUsername("ada")
        at(300)
        viewModel.onEmail("a@b.c")
        viewModel.onPassword("abcdefg1")
        at(500)
        assertEquals(listOf("ada"), checker.asked)
        viewModel.onUsername("ada")
        at(5_000)
        assertEquals(listOf("ada"), checker.asked)
    }
}
