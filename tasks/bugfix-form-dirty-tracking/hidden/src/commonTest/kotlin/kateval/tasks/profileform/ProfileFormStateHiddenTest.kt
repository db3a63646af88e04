package kateval.tasks.profileform

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class ProfileFormStateHiddenTest {
    private val start = ProfileFields("Ada", "Ada@Example.com", "Mathematician", false)

    @Test
    fun changesAreAgainstTheBaselineNotThePreviousEdit() {
        val s = ProfileFormState(start)
        s.update { it.copy(name = "Ada L.") }
        s.update { it.copy(bio = "Writer") }
        assertEquals(setOf(ProfileField.NAME, ProfileField.BIO), s.changedFields)
    }

    @Test
    fun editingBackToTheOriginalIsClean() {
        val s = ProfileFormState(start)
        s.update { it.copy(name = "Grace") }
        s.update { it.copy(name = "Grace") }
        assertEquals(setOf(ProfileField.NAME), s.changedFields)
        s.update { it.copy(name = "Ada") }
        assertFalse(s.isDirty)
    }

    @Test
    fun nameIgnoresSurroundingSpaces() {
        val s = ProfileFormState(start)
        s.update { it.copy(name = "  Ada ") }
        assertFalse(s.isDirty)
        s.update { it.copy(name = "ada") }
        assertEquals(setOf(ProfileField.NAME), s.changedFields)
    }

    @Test
    fun emailIgnoresSpacesAndCase() {
        val s = ProfileFormState(start)
        s.update { it.copy(email = " ada@example.COM  ") }
        assertFalse(s.isDirty)
        assertFalse(s.canSave)
        s.update { it.copy(email = "ada@example.org") }
        assertEquals(setOf(ProfileField.EMAIL), s.changedFields)
        val padded = ProfileFormState(start.copy(email = " a@b.c "))
        padded.update { it.copy(email = "A@B.C") }
        assertFalse(padded.isDirty)
    }

    @Test
    fun bioIgnoresOnlyTrailingWhitespace() {
        val s = ProfileFormState(start)
        s.update { it.copy(bio = "Mathematician \n") }
        assertFalse(s.isDirty)
        s.update { it.copy(bio = " Mathematician") }
        assertEquals(setOf(ProfileField.BIO), s.changedFields)
    }

    @Test
    fun savingMakesTheFormClean() {
        val s = ProfileFormState(start)
        s.update { it.copy(name = "Ada Lovelace", newsletter = true) }
        assertTrue(s.canSave)
        s.markSaved()
        assertFalse(s.isDirty)
        assertFalse(s.canSave)
        s.update { it.copy(name = "Ada") }
        assertEquals(setOf(ProfileField.NAME), s.changedFields)
    }

    @Test
    fun resetGoesBackToTheLastSave() {
        val s = ProfileFormState(start)
        s.update { it.copy(bio = "Poet") }
        s.markSaved()
        s.update { it.copy(bio = "Engineer", newsletter = true) }
        s.reset()
        assertEquals(start.copy(bio = "Poet"), s.fields)
        assertFalse(s.isDirty)
    }

    @Test
    fun canSaveNeedsAnAt() {
        val s = ProfileFormState(start)
        s.update { it.copy(email = "nobody") }
        assertTrue(s.isDirty)
        assertFalse(s.canSave)
        s.update { it.copy(email = " x@y ") }
        assertTrue(s.canSave)
    }
}
