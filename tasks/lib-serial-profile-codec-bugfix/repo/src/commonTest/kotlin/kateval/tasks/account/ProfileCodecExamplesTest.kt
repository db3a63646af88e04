package kateval.tasks.account

import kotlin.test.Test
import kotlin.test.assertEquals

class ProfileCodecExamplesTest {
    @Test
    fun readsTheDocumentedFormat() {
        val profile = ProfileCodec.read("""{"id": 42, "display_name": "Ada", "avatar_url": "https://cdn/a.png",
            "bio": "Engines.", "languages": ["en", "fr"], "notifications": {"email": false, "push": true},
            "role": "moderator"}""")
        assertEquals(Profile(42, "Ada", "https://cdn/a.png", "Engines.", listOf("en", "fr"), NotificationPrefs(email = false),
            Role.MODERATOR), profile)
    }
}
