package kateval.tasks.account

import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class ProfileCodecHiddenTest {
    @Test
    fun onlyIdAndDisplayNameAreRequired() {
        assertEquals(Profile(7, "Bo", null, "", emptyList(), NotificationPrefs(), Role.MEMBER),
            ProfileCodec.read("""{"id": 7, "display_name": "Bo"}"""))
        assertFailsWith<SerializationException> { ProfileCodec.read("""{"display_name": "Bo"}""") }
        assertFailsWith<SerializationException> { ProfileCodec.read("""{"id": 7}""") }
        assertFailsWith<SerializationException> { ProfileCodec.read("""{"id": 7, "displayName": "Bo"}""") }
    }

    @Test
    fun unknownFieldsAreIgnored() {
        assertEquals(Profile(7, "Bo", null, "", emptyList(), NotificationPrefs(push = false), Role.ADMIN),
            ProfileCodec.read("""{"id": 7, "display_name": "Bo", "pronouns": "they", "badges": [1, 2],
                "notifications": {"push": false, "sms": true}, "role": "admin"}"""))
    }

    @Test
    fun nullsAndUnknownRolesTakeTheDefaults() {
        assertEquals(Profile(7, "Bo", null, "", emptyList(), NotificationPrefs(), Role.MEMBER),
            ProfileCodec.read("""{"id": 7, "display_name": "Bo", "avatar_url": null, "bio": null, "languages": null,
                "notifications": null, "role": "superuser"}"""))
    }

    @Test
    fun writesSnakeCaseAndLowerCaseRoles() {
        val profile = Profile(42, "Ada", "https://cdn/a.png", "Engines.", listOf("en"), NotificationPrefs(email = false),
            Role.MODERATOR)
        assertEquals("""{"id":42,"display_name":"Ada","avatar_url":"https://cdn/a.png","bio":"Engines.","languages":["en"],""" +
            """"notifications":{"email":false},"role":"moderator"}""", ProfileCodec.write(profile))
    }

    @Test
    fun writesNeitherDefaultsNorNulls() {
        assertEquals("""{"id":7,"display_name":"Bo"}""",
            ProfileCodec.write(Profile(7, "Bo", null, "", emptyList(), NotificationPrefs(), Role.MEMBER)))
        assertEquals("""{"id":7,"display_name":"Bo","role":"admin"}""",
            ProfileCodec.write(Profile(7, "Bo", null, "", emptyList(), NotificationPrefs(), Role.ADMIN)))
    }

    @Test
    fun whatIsWrittenReadsBack() {
        val profiles = listOf(
            Profile(1, "A", null, "", emptyList(), NotificationPrefs(), Role.MEMBER),
            Profile(2, "B \"quoted\"", "u", "bio", listOf("de", "nl"), NotificationPrefs(false, false), Role.ADMIN),
        )
        for (profile in profiles) assertEquals(profile, ProfileCodec.read(ProfileCodec.write(profile)))
    }

    @Test
    fun theRoleNamesAreLowerCaseEverywhere() {
        assertEquals("\"moderator\"", Json.encodeToString(Role.serializer(), Role.MODERATOR))
        assertEquals(Role.ADMIN, Json.decodeFromString(Role.serializer(), "\"admin\""))
    }
}
