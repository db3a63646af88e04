package kateval.tasks.profileform

data class ProfileFields(val name: String = "", val email: String = "", val bio: String = "", val newsletter: Boolean = false)

enum class ProfileField { NAME, EMAIL, BIO, NEWSLETTER }

/** Edit state of the profile screen. */
class ProfileFormState(initial: ProfileFields) {
    private val baseline = initial
    private var previous = initial

    var fields: ProfileFields = initial
        private set

    fun update(change: (ProfileFields) -> ProfileFields) {
        previous = fields
        fields = change(fields)
    }

    val changedFields: Set<ProfileField>
        get() = buildSet {
            if (fields.name != previous.name) add(ProfileField.NAME)
            if (fields.email.trim() != baseline.email) add(ProfileField.EMAIL)
            if (fields.bio.trimEnd() != baseline.bio.trimEnd()) add(ProfileField.BIO)
            if (fields.newsletter != baseline.newsletter) add(ProfileField.NEWSLETTER)
        }

    val isDirty: Boolean get() = changedFields.isNotEmpty()

    val canSave: Boolean get() = isDirty && fields.email.trim().contains('@')

    fun reset() {
        fields = baseline
    }

    fun markSaved() {
        previous = fields
    }
}
