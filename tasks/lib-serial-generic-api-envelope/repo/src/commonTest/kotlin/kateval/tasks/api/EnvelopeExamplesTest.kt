package kateval.tasks.api

import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.builtins.serializer
import kotlin.test.Test
import kotlin.test.assertEquals

class EnvelopeExamplesTest {
    @Test
    fun aListOfStrings() {
        assertEquals(ApiResult.Success(listOf("a", "b"), "cursor-2"),
            Envelope.decode("""{"ok": true, "data": ["a", "b"], "meta": {"next": "cursor-2"}}""",
                ListSerializer(String.serializer())))
    }

    @Test
    fun rateLimited() {
        assertEquals(ApiResult.Failure(ErrorCode.RATE_LIMITED, "slow down", retryable = true, retryAfterSeconds = 30),
            Envelope.decode("""{"ok": false, "error": {"code": "RATE_LIMITED", "message": "slow down", "retryAfter": 30}}""",
                String.serializer()))
    }
}
