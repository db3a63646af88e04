package kateval.tasks.signupform

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

class SignupValidationHiddenTest {
    private val good = SignupForm("ada@example.com", "ada_l", "s3cretPass", "s3cretPass", "36")

    private fun errorsOf(form: SignupForm, field: Field) = validate(form).errors[field]

    @Test
    fun validFormHasNoErrors() {
        val r = validate(good)
        assertTrue(r.isValid)
        assertEquals(emptyMap(), r.errors)
        assertNull(r.firstError(Field.EMAIL))
        assertTrue(validate(good.copy(email = "  ada@example.com\t", username = " ada_l ", age = " 36 ")).isValid)
    }

    @Test
    fun emptyFormIsAllRequired() {
        val r = validate(SignupForm(email = "  ", username = "\t", age = " "))
        assertFalse(r.isValid)
        assertEquals(Field.entries.associateWith { listOf(FieldError.REQUIRED) }, r.errors)
        assertEquals(FieldError.REQUIRED, r.firstError(Field.AGE))
    }

    @Test
    fun emailRules() {
        for (bad in listOf("ada", "ada@", "@example.com", "a@b@example.com", "ada@example", "ada@.example", "ada@example.",
            "ada@exa..mple.com", "a da@example.com", "ada@ex ample.com")) {
            assertEquals(listOf(FieldError.INVALID_EMAIL), errorsOf(good.copy(email = bad), Field.EMAIL), bad)
        }
        for (ok in listOf("a@b.co", "first.last+tag@sub.example.org", "x@a.b.c")) {
            assertNull(errorsOf(good.copy(email = ok), Field.EMAIL), ok)
        }
    }

    @Test
    fun usernameRules() {
        assertEquals(listOf(FieldError.TOO_SHORT), errorsOf(good.copy(username = "ab"), Field.USERNAME))
        assertEquals(listOf(FieldError.TOO_LONG), errorsOf(good.copy(username = "a".repeat(21)), Field.USERNAME))
        assertNull(errorsOf(good.copy(username = "a".repeat(20)), Field.USERNAME))
        assertEquals(listOf(FieldError.TOO_SHORT, FieldError.INVALID_CHARACTERS), errorsOf(good.copy(username = "é"), Field.USERNAME))
        assertEquals(listOf(FieldError.INVALID_CHARACTERS), errorsOf(good.copy(username = "ada lovelace"), Field.USERNAME))
    }

    @Test
    fun passwordCollectsEveryProblemInOrder() {
        assertEquals(listOf(FieldError.TOO_SHORT, FieldError.NEEDS_DIGIT), errorsOf(good.copy(password = "abc"), Field.PASSWORD))
        assertEquals(listOf(FieldError.NEEDS_LETTER), errorsOf(good.copy(password = "12345678"), Field.PASSWORD))
        assertEquals(listOf(FieldError.TOO_SHORT, FieldError.NEEDS_DIGIT, FieldError.NEEDS_LETTER), errorsOf(good.copy(password = "!!"), Field.PASSWORD))
        assertEquals(listOf(FieldError.NEEDS_DIGIT), errorsOf(good.copy(password = "пароль-длинный"), Field.PASSWORD))
    }

    @Test
    fun passwordLengthCountsCodePoints() {
        assertEquals(listOf(FieldError.TOO_SHORT), errorsOf(good.copy(password = "a1😀😀😀😀"), Field.PASSWORD))
        assertNull(errorsOf(good.copy(password = "a1😀😀😀😀😀😀", confirmPassword = "a1😀😀😀😀😀😀"), Field.PASSWORD))
    }

    @Test
    fun passwordMustNotContainUsername() {
        val f = good.copy(username = " Ada_L ", password = "myADA_Lpass1", confirmPassword = "myADA_Lpass1")
        assertEquals(listOf(FieldError.CONTAINS_USERNAME), errorsOf(f, Field.PASSWORD))
        val short = good.copy(username = "al", password = "xxal1234", confirmPassword = "xxal1234")
        assertNull(errorsOf(short, Field.PASSWORD))
        assertEquals(listOf(FieldError.TOO_SHORT), errorsOf(short, Field.USERNAME))
    }

    @Test
    fun confirmPassword() {
        assertEquals(listOf(FieldError.MISMATCH), errorsOf(good.copy(confirmPassword = "s3cretPass "), Field.CONFIRM_PASSWORD))
        assertEquals(listOf(FieldError.REQUIRED), errorsOf(good.copy(confirmPassword = ""), Field.CONFIRM_PASSWORD))
        assertEquals(listOf(FieldError.MISMATCH), errorsOf(good.copy(password = "", confirmPassword = "x"), Field.CONFIRM_PASSWORD))
    }

    @Test
    fun ageRules() {
        assertEquals(listOf(FieldError.NOT_A_NUMBER), errorsOf(good.copy(age = "3 6"), Field.AGE))
        assertEquals(listOf(FieldError.NOT_A_NUMBER), errorsOf(good.copy(age = "-20"), Field.AGE))
        assertEquals(listOf(FieldError.NOT_A_NUMBER), errorsOf(good.copy(age = "٣٦"), Field.AGE))
        assertEquals(listOf(FieldError.TOO_YOUNG), errorsOf(good.copy(age = "12"), Field.AGE))
        assertEquals(listOf(FieldError.TOO_YOUNG), errorsOf(good.copy(age = "0"), Field.AGE))
        assertNull(errorsOf(good.copy(age = "13"), Field.AGE))
        assertNull(errorsOf(good.copy(age = "0150"), Field.AGE))
        assertEquals(listOf(FieldError.OUT_OF_RANGE), errorsOf(good.copy(age = "151"), Field.AGE))
        assertEquals(listOf(FieldError.OUT_OF_RANGE), errorsOf(good.copy(age = "99999999999999999999999"), Field.AGE))
    }

    @Test
    fun onlyFieldsWithErrorsAppear() {
        val r = validate(good.copy(email = "nope", age = "5"))
        assertEquals(setOf(Field.EMAIL, Field.AGE), r.errors.keys)
        assertEquals(FieldError.INVALID_EMAIL, r.firstError(Field.EMAIL))
        assertNull(r.firstError(Field.PASSWORD))
    }
}
