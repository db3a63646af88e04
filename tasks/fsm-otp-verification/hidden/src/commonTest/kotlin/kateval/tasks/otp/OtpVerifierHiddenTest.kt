package kateval.tasks.otp

import kateval.tasks.otp.Effect.Accepted
import kateval.tasks.otp.Effect.LockedOut
import kateval.tasks.otp.Effect.Rejected
import kateval.tasks.otp.Effect.SendCode
import kateval.tasks.otp.OtpEvent.RequestCode
import kateval.tasks.otp.OtpEvent.Resend
import kateval.tasks.otp.OtpEvent.Reset
import kateval.tasks.otp.OtpEvent.Submit
import kateval.tasks.otp.OtpState.AwaitingCode
import kateval.tasks.otp.OtpState.Idle
import kateval.tasks.otp.OtpState.Locked
import kateval.tasks.otp.OtpState.Verified
import kotlin.test.Test
import kotlin.test.assertEquals

class OtpVerifierHiddenTest {
    /** Produces codes "100001", "100002", ... and counts calls. */
    private class Codes {
        var calls = 0
        fun next(): String = (100000 + ++calls).toString()
    }

    private fun verifier(policy: OtpPolicy = OtpPolicy()): Pair<OtpVerifier, Codes> {
        val codes = Codes()
        return OtpVerifier(policy) { codes.next() } to codes
    }

    private fun rejected(reason: RejectReason) = listOf(Rejected(reason))

    @Test
    fun happyPath() {
        val (v, _) = verifier()
        assertEquals(Idle, v.state)
        assertEquals(listOf(SendCode("100001")), v.handle(RequestCode(now = 1_000)))
        assertEquals(AwaitingCode("100001", sentAt = 1_000, attemptsLeft = 3, sendsUsed = 1), v.state)
        assertEquals(listOf(Accepted), v.handle(Submit("100001", now = 1_010)))
        assertEquals(Verified, v.state)
    }

    @Test
    fun submittedCodesIgnoreSpacesAndHyphensButNotCase() {
        val (v1, _) = verifier()
        v1.handle(RequestCode(0))
        assertEquals(listOf(Accepted), v1.handle(Submit(" 100-001 ", 1)))

        val v2 = OtpVerifier { "ab12" }
        v2.handle(RequestCode(0))
        assertEquals(rejected(RejectReason.WRONG_CODE), v2.handle(Submit("AB12", 1)))
        assertEquals(rejected(RejectReason.WRONG_CODE), v2.handle(Submit("ab1", 2)))
        assertEquals(listOf(Accepted), v2.handle(Submit("a-b 1-2", 3)))
    }

    @Test
    fun wrongCodesConsumeAttemptsThenLock() {
        val (v, _) = verifier()
        v.handle(RequestCode(0))
        assertEquals(rejected(RejectReason.WRONG_CODE), v.handle(Submit("000000", 5)))
        assertEquals(AwaitingCode("100001", 0, 2, 1), v.state)
        assertEquals(rejected(RejectReason.WRONG_CODE), v.handle(Submit("", 6)))
        assertEquals(AwaitingCode("100001", 0, 1, 1), v.state)
        assertEquals(listOf(Rejected(RejectReason.WRONG_CODE), LockedOut(907)), v.handle(Submit("999999", 7)))
        assertEquals(Locked(907), v.state)
    }

    @Test
    fun lockRejectsEverythingUntilItExpires() {
        val (v, codes) = verifier()
        v.handle(RequestCode(0))
        repeat(3) { v.handle(Submit("bad", 10)) }
        assertEquals(Locked(910), v.state)
        for (e in listOf(Submit("100001", 11), RequestCode(500), Resend(600), Reset(909))) {
            assertEquals(rejected(RejectReason.LOCKED), v.handle(e), "$e")
            assertEquals(Locked(910), v.state)
        }
        assertEquals(1, codes.calls)
        assertEquals(listOf(SendCode("100002")), v.handle(RequestCode(910)))
        assertEquals(AwaitingCode("100002", 910, 3, 1), v.state)
    }

    @Test
    fun eventsAfterLockExpiryAreHandledAsInIdle() {
        val (v, _) = verifier(OtpPolicy(maxAttempts = 1, lockoutSeconds = 60))
        v.handle(RequestCode(100))
        assertEquals(listOf(Rejected(RejectReason.WRONG_CODE), LockedOut(161)), v.handle(Submit("x", 101)))
        assertEquals(rejected(RejectReason.NO_ACTIVE_CODE), v.handle(Submit("100001", 161)))
        assertEquals(Idle, v.state)

        v.handle(RequestCode(200))
        v.handle(Submit("x", 200))
        assertEquals(Locked(260), v.state)
        assertEquals(emptyList(), v.handle(Reset(300)))
        assertEquals(Idle, v.state)
    }

    @Test
    fun expiredCodesAreRejectedWithoutUsingAttempts() {
        val (v, _) = verifier(OtpPolicy(codeTtlSeconds = 120, resendCooldownSeconds = 30))
        v.handle(RequestCode(1_000))
        assertEquals(rejected(RejectReason.WRONG_CODE), v.handle(Submit("nope", 1_119)))
        assertEquals(rejected(RejectReason.EXPIRED), v.handle(Submit("100001", 1_120)))
        assertEquals(rejected(RejectReason.EXPIRED), v.handle(Submit("nope", 1_500)))
        assertEquals(AwaitingCode("100001", 1_000, 2, 1), v.state)
        assertEquals(listOf(SendCode("100002")), v.handle(Resend(1_500)))
        assertEquals(rejected(RejectReason.WRONG_CODE), v.handle(Submit("100001", 1_501)))
        assertEquals(listOf(Accepted), v.handle(Submit("100002", 1_619)))
    }

    @Test
    fun resendRespectsCooldownAndResetsAttempts() {
        val (v, codes) = verifier()
        v.handle(RequestCode(0))
        v.handle(Submit("bad", 1))
        v.handle(Submit("bad", 2))
        assertEquals(rejected(RejectReason.COOLDOWN), v.handle(Resend(29)))
        assertEquals(1, codes.calls)
        assertEquals(listOf(SendCode("100002")), v.handle(Resend(30)))
        assertEquals(AwaitingCode("100002", 30, 3, 2), v.state)
        // RequestCode while a code is active behaves like Resend
        assertEquals(rejected(RejectReason.COOLDOWN), v.handle(RequestCode(59)))
        assertEquals(listOf(SendCode("100003")), v.handle(RequestCode(60)))
        assertEquals(AwaitingCode("100003", 60, 3, 3), v.state)
        assertEquals(3, codes.calls)
    }

    @Test
    fun sendLimitWinsOverCooldownAndResetStartsANewSession() {
        val (v, codes) = verifier(OtpPolicy(maxSends = 2, resendCooldownSeconds = 10))
        v.handle(RequestCode(0))
        v.handle(Resend(10))
        assertEquals(rejected(RejectReason.SEND_LIMIT), v.handle(Resend(11)))
        assertEquals(rejected(RejectReason.SEND_LIMIT), v.handle(Resend(5_000)))
        assertEquals(rejected(RejectReason.SEND_LIMIT), v.handle(RequestCode(5_000)))
        assertEquals(2, codes.calls)
        assertEquals(emptyList(), v.handle(Reset(5_001)))
        assertEquals(Idle, v.state)
        assertEquals(listOf(SendCode("100003")), v.handle(RequestCode(5_002)))
        assertEquals(AwaitingCode("100003", 5_002, 3, 1), v.state)
    }

    @Test
    fun idleRejectsSubmissionsAndResends() {
        val (v, codes) = verifier()
        assertEquals(rejected(RejectReason.NO_ACTIVE_CODE), v.handle(Submit("100001", 0)))
        assertEquals(rejected(RejectReason.NO_ACTIVE_CODE), v.handle(Resend(0)))
        assertEquals(emptyList(), v.handle(Reset(0)))
        assertEquals(Idle, v.state)
        assertEquals(0, codes.calls)
    }

    @Test
    fun verifiedIsFinalUntilReset() {
        val (v, codes) = verifier(OtpPolicy(resendCooldownSeconds = 0))
        v.handle(RequestCode(0))
        v.handle(Submit("100001", 1))
        for (e in listOf(Submit("100001", 2), Submit("bad", 3), Resend(4), RequestCode(5))) {
            assertEquals(rejected(RejectReason.ALREADY_VERIFIED), v.handle(e), "$e")
        }
        assertEquals(Verified, v.state)
        assertEquals(1, codes.calls)
        assertEquals(emptyList(), v.handle(Reset(6)))
        assertEquals(Idle, v.state)
    }

    @Test
    fun zeroCooldownAllowsImmediateResend() {
        val (v, _) = verifier(OtpPolicy(resendCooldownSeconds = 0, maxSends = 5))
        v.handle(RequestCode(7))
        assertEquals(listOf(SendCode("100002")), v.handle(Resend(7)))
        assertEquals(listOf(SendCode("100003")), v.handle(Resend(7)))
        assertEquals(AwaitingCode("100003", 7, 3, 3), v.state)
    }

    @Test
    fun resetWhileAwaitingDiscardsTheCode() {
        val (v, _) = verifier()
        v.handle(RequestCode(0))
        v.handle(Submit("bad", 1))
        assertEquals(emptyList(), v.handle(Reset(2)))
        assertEquals(Idle, v.state)
        assertEquals(rejected(RejectReason.NO_ACTIVE_CODE), v.handle(Submit("100001", 3)))
        assertEquals(listOf(SendCode("100002")), v.handle(RequestCode(3)))
        assertEquals(AwaitingCode("100002", 3, 3, 1), v.state)
    }
}
