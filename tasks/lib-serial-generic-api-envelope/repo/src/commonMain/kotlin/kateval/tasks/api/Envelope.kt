package kateval.tasks.api

import kotlinx.serialization.KSerializer

/** The API's envelope. See instruction.md for the format. */
object Envelope {
    fun <T> decode(text: String, payload: KSerializer<T>): ApiResult<T> = TODO()
}
