package kateval.tasks.profileform

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class ProfileFormStateTest {
    @Test
    fun newsletterToggle() {
        val s = ProfileFormState(ProfileFields("Ada", "ada@example.com"))
        assertFalse(s.isDirty)
        s.update { it.copy(newsletter = true) }
        assertEquals(setOf(ProfileField.NEWSLETTER), s.changedFields)
        assertTrue(s.canSave)
    }
}
