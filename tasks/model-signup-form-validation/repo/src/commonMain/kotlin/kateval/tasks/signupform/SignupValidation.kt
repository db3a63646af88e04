package kateval.tasks.signupform

enum class Field { EMAIL, USERNAME, PASSWORD, CONFIRM_PASSWORD, AGE }

enum class FieldError {
    REQUIRED, INVALID_EMAIL, TOO_SHORT, TOO_LONG, INVALID_CHARACTERS, NEEDS_DIGIT, NEEDS_LETTER,
    CONTAINS_USERNAME, MISMATCH, NOT_A_NUMBER, TOO_YOUNG, OUT_OF_RANGE,
}

data class SignupForm(
    val email: String = "",
    val username: String = "",
    val password: String = "",
    val confirmPassword: String = "",
    val age: String = "",
)

data class ValidationResult(val errors: Map<Field, List<FieldError>>) {
    val isValid: Boolean get() = TODO("isValid")

    fun firstError(field: Field): FieldError? = TODO("firstError")
}

/** Validates every field of [form]. See instruction.md. */
fun validate(form: SignupForm): ValidationResult {
    TODO("validate")
}
