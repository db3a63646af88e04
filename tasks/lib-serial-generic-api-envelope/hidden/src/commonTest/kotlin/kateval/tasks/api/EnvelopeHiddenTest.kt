package kateval.tasks.api

import kotlinx.serialization.Serializable
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.builtins.MapSerializer
import kotlinx.serialization.builtins.serializer
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs

@Serializable
data class User(val id: Int, val name: String, val admin: Boolean = false)

class EnvelopeHiddenTest {
    private fun user(text: String) = Envelope.decode(text, User.serializer())

    private fun assertMalformed(result: ApiResult<*>) {
        val failure = assertIs<ApiResult.Failure>(result)
        assertEquals(ErrorCode.MALFORMED, failure.code)
        assertFalse(failure.retryable)
        assertEquals(null, failure.retryAfterSeconds)
    }

    @Test
    fun anObjectPayloadWithUnknownFieldsEverywhere() {
        assertEquals(ApiResult.Success(User(7, "Ann")),
            user("""{"ok": true, "version": 2, "data": {"id": 7, "name": "Ann", "avatar": "a.png"},
                "meta": {"took": 12}}"""))
    }

    @Test
    fun payloadsOfOtherTypes() {
        assertEquals(ApiResult.Success(42), Envelope.decode("""{"ok":true,"data":42}""", Int.serializer()))
        assertEquals(ApiResult.Success(mapOf("a" to 1, "b" to 2)),
            Envelope.decode("""{"ok":true,"data":{"a":1,"b":2}}""", MapSerializer(String.serializer(), Int.serializer())))
        assertEquals(ApiResult.Success(listOf(User(1, "A"), User(2, "B", admin = true)), "p3"),
            Envelope.decode("""{"ok":true,"data":[{"id":1,"name":"A"},{"id":2,"name":"B","admin":true}],
                "meta":{"next":"p3","total":2}}""", ListSerializer(User.serializer())))
    }

    @Test
    fun nextPageIsOptional() {
        assertEquals(ApiResult.Success(User(1, "A")), user("""{"ok":true,"data":{"id":1,"name":"A"},"meta":{"next":null}}"""))
        assertEquals(ApiResult.Success(User(1, "A")), user("""{"ok":true,"data":{"id":1,"name":"A"},"meta":null}"""))
    }

    @Test
    fun errorCodesMapByExactName() {
        fun code(name: String) = (user("""{"ok":false,"error":{"code":"$name","message":"m"}}""") as ApiResult.Failure).code
        assertEquals(ErrorCode.NOT_FOUND, code("NOT_FOUND"))
        assertEquals(ErrorCode.UNAUTHORIZED, code("UNAUTHORIZED"))
        assertEquals(ErrorCode.INVALID, code("INVALID"))
        assertEquals(ErrorCode.UNKNOWN, code("not_found"))
        assertEquals(ErrorCode.UNKNOWN, code("TEAPOT"))
        assertEquals(ErrorCode.UNKNOWN, code("MALFORMED"))
    }

    @Test
    fun retryableCodesAndRetryAfter() {
        assertEquals(ApiResult.Failure(ErrorCode.UNAVAILABLE, "maintenance", retryable = true),
            user("""{"ok":false,"error":{"code":"UNAVAILABLE","message":"maintenance"}}"""))
        assertEquals(ApiResult.Failure(ErrorCode.NOT_FOUND, "no such user", retryable = false),
            user("""{"ok":false,"error":{"code":"NOT_FOUND","message":"no such user"}}"""))
        assertEquals(ApiResult.Failure(ErrorCode.UNKNOWN, "", retryable = true, retryAfterSeconds = 5),
            user("""{"ok":false,"error":{"code":"BUSY","retryAfter":5,"trace":"x"}}"""))
        assertEquals(ApiResult.Failure(ErrorCode.RATE_LIMITED, "", retryable = true),
            user("""{"ok":false,"error":{"code":"RATE_LIMITED"}}"""))
    }

    @Test
    fun envelopesThatCannotBeRead() {
        for (text in listOf("", "nope", "[]", "null", """{"data":{"id":1,"name":"A"}}""", """{"ok":"yes","data":1}""",
                """{"ok":true}""", """{"ok":true,"data":null}""", """{"ok":false}""", """{"ok":false,"error":"boom"}""",
                """{"ok":false,"error":{"message":"no code"}}""", """{"ok":false,"error":{"code":404}}""")) {
            assertMalformed(user(text))
        }
    }

    @Test
    fun dataThePayloadCannotDecode() {
        assertMalformed(user("""{"ok":true,"data":{"id":"seven","name":"A"}}"""))
        assertMalformed(user("""{"ok":true,"data":{"id":7}}"""))
        assertMalformed(user("""{"ok":true,"data":[1,2]}"""))
        assertMalformed(Envelope.decode("""{"ok":true,"data":"x"}""", Int.serializer()))
    }

    @Test
    fun aNullablePayloadStillNeedsData() {
        assertEquals<ApiResult<String>>(ApiResult.Success("x"), Envelope.decode("""{"ok":true,"data":"x"}""", String.serializer()))
        assertMalformed(Envelope.decode("""{"ok":true,"data":null}""", String.serializer()))
    }
}
