package kateval.tasks.account

import kotlinx.serialization.json.Json

/** Reads the account API's profile JSON and writes profile updates back. */
object ProfileCodec {
    private val json = Json { encodeDefaults = true }

    fun read(text: String): Profile = json.decodeFromString(Profile.serializer(), text)

    fun write(profile: Profile): String = json.encodeToString(Profile.serializer(), profile)
}
