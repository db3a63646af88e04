package kateval.tasks.ota

import kateval.tasks.ota.OtaEvent.BatteryChanged
import kateval.tasks.ota.OtaEvent.Cancel
import kateval.tasks.ota.OtaEvent.ChunkReceived
import kateval.tasks.ota.OtaEvent.ConnectionLost
import kateval.tasks.ota.OtaEvent.InstallFinished
import kateval.tasks.ota.OtaEvent.UpdateOffered
import kateval.tasks.ota.OtaEvent.VerificationFinished
import kateval.tasks.ota.OtaState.Downloading
import kateval.tasks.ota.OtaState.Failed
import kateval.tasks.ota.OtaState.Idle
import kateval.tasks.ota.OtaState.Installing
import kateval.tasks.ota.OtaState.Verifying
import kateval.tasks.ota.OtaState.WaitingForPower
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull

class OtaFirmwareUpdateHiddenTest {
    private fun assertRejected(u: OtaUpdater, event: OtaEvent) {
        val state = u.state
        val history = u.history
        val installed = u.installedVersion
        val battery = u.batteryPercent
        assertFailsWith<IllegalStateException>("$event in $state") { u.handle(event) }
        assertEquals(state, u.state)
        assertEquals(history, u.history)
        assertEquals(installed, u.installedVersion)
        assertEquals(battery, u.batteryPercent)
    }

    private fun assertIgnored(u: OtaUpdater, event: OtaEvent) {
        val state = u.state
        val history = u.history
        assertEquals(state, u.handle(event), "$event in $state")
        assertEquals(state, u.state)
        assertEquals(history, u.history)
    }

    private fun verifying(target: Int = 5, installed: Int = 1, battery: Int = 100): OtaUpdater {
        val u = OtaUpdater(installed, battery)
        u.handle(UpdateOffered(target, 100))
        u.handle(ChunkReceived(100))
        assertEquals(Verifying(target), u.state)
        return u
    }

    @Test
    fun happyPathInstallsNewVersion() {
        val u = OtaUpdater(installedVersion = 4)
        assertEquals(Idle, u.state)
        assertEquals(listOf<OtaState>(Idle), u.history)
        assertEquals(Downloading(5, 0, 1000, 1), u.handle(UpdateOffered(5, 1000)))
        assertEquals(Downloading(5, 400, 1000, 1), u.handle(ChunkReceived(400)))
        assertEquals(Verifying(5), u.handle(ChunkReceived(600)))
        assertEquals(Installing(5), u.handle(VerificationFinished(true)))
        assertEquals(4, u.installedVersion)
        assertEquals(Idle, u.handle(InstallFinished(true)))
        assertEquals(5, u.installedVersion)
        assertEquals(
            listOf(Idle, Downloading(5, 0, 1000, 1), Downloading(5, 400, 1000, 1), Verifying(5), Installing(5), Idle),
            u.history,
        )
    }

    @Test
    fun offersThatAreNotNewerAreIgnoredInIdle() {
        val u = OtaUpdater(installedVersion = 7)
        assertIgnored(u, UpdateOffered(7, 10))
        assertIgnored(u, UpdateOffered(3, 10))
        assertIgnored(u, Cancel)
        assertIgnored(u, ConnectionLost)
        assertEquals(Downloading(8, 0, 10, 1), u.handle(UpdateOffered(8, 10)))
    }

    @Test
    fun idleRejectsOutOfPlaceEvents() {
        val u = OtaUpdater(1)
        assertRejected(u, ChunkReceived(5))
        assertRejected(u, VerificationFinished(true))
        assertRejected(u, InstallFinished(true))
        assertEquals(listOf<OtaState>(Idle), u.history)
    }

    @Test
    fun lastChunkMayOvershootTotal() {
        val u = OtaUpdater(0)
        u.handle(UpdateOffered(1, 1000))
        u.handle(ChunkReceived(999))
        assertEquals(Verifying(1), u.handle(ChunkReceived(1500)))
        val exact = OtaUpdater(0)
        exact.handle(UpdateOffered(1, 1000))
        assertEquals(Verifying(1), exact.handle(ChunkReceived(1000)))
    }

    @Test
    fun connectionLossResumesUntilAttemptsExhausted() {
        val u = OtaUpdater(1)
        u.handle(UpdateOffered(2, 900))
        u.handle(ChunkReceived(300))
        assertEquals(Downloading(2, 300, 900, 2), u.handle(ConnectionLost))
        assertEquals(Downloading(2, 600, 900, 2), u.handle(ChunkReceived(300)))
        assertEquals(Downloading(2, 600, 900, 3), u.handle(ConnectionLost))
        assertEquals(Failed(2, FailureReason.DOWNLOAD_FAILED), u.handle(ConnectionLost))
        assertEquals(1, u.installedVersion)
        assertIgnored(u, ConnectionLost)
        assertIgnored(u, ChunkReceived(10))
        assertRejected(u, VerificationFinished(true))
        assertRejected(u, InstallFinished(false))
        assertEquals(Idle, u.handle(Cancel))
    }

    @Test
    fun newerOfferRestartsDownload() {
        val u = OtaUpdater(1)
        u.handle(UpdateOffered(3, 500))
        u.handle(ChunkReceived(200))
        u.handle(ConnectionLost)
        assertIgnored(u, UpdateOffered(3, 700))
        assertIgnored(u, UpdateOffered(2, 700))
        assertEquals(Downloading(4, 0, 800, 1), u.handle(UpdateOffered(4, 800)))
        assertRejected(u, VerificationFinished(true))
        assertRejected(u, InstallFinished(true))
        assertEquals(Idle, u.handle(Cancel))
        assertEquals(1, u.installedVersion)
    }

    @Test
    fun verificationFailureAndRetryOfSameVersion() {
        val u = verifying(target = 5, installed = 1)
        assertEquals(Failed(5, FailureReason.VERIFICATION_FAILED), u.handle(VerificationFinished(false)))
        assertIgnored(u, UpdateOffered(1, 50))
        assertEquals(Downloading(5, 0, 60, 1), u.handle(UpdateOffered(5, 60)))
    }

    @Test
    fun verifyingIgnoresLatePacketsAndHandlesOffersAndCancel() {
        val u = verifying(target = 5)
        assertIgnored(u, ChunkReceived(10))
        assertIgnored(u, ConnectionLost)
        assertIgnored(u, UpdateOffered(5, 10))
        assertIgnored(u, UpdateOffered(4, 10))
        assertRejected(u, InstallFinished(true))
        assertEquals(Downloading(6, 0, 10, 1), u.handle(UpdateOffered(6, 10)))
        val c = verifying(target = 5)
        assertEquals(Idle, c.handle(Cancel))
    }

    @Test
    fun lowBatteryWaitsForPower() {
        val u = verifying(target = 9, installed = 2, battery = 20)
        assertEquals(WaitingForPower(9), u.handle(VerificationFinished(true)))
        assertIgnored(u, ChunkReceived(1))
        assertIgnored(u, ConnectionLost)
        assertIgnored(u, UpdateOffered(9, 5))
        assertRejected(u, VerificationFinished(true))
        assertRejected(u, InstallFinished(true))
        assertEquals(WaitingForPower(9), u.handle(BatteryChanged(29)))
        assertEquals(29, u.batteryPercent)
        assertEquals(Installing(9), u.handle(BatteryChanged(30)))
        assertEquals(30, u.batteryPercent)
        assertEquals(Idle, u.handle(InstallFinished(true)))
        assertEquals(9, u.installedVersion)
        assertEquals(
            listOf(Idle, Downloading(9, 0, 100, 1), Verifying(9), WaitingForPower(9), Installing(9), Idle),
            u.history,
        )
    }

    @Test
    fun batteryIsTrackedInEveryStateAndCheckedAtVerification() {
        val u = OtaUpdater(1, 80)
        assertEquals(Idle, u.handle(BatteryChanged(10)))
        assertEquals(10, u.batteryPercent)
        u.handle(UpdateOffered(2, 10))
        assertEquals(Downloading(2, 0, 10, 1), u.handle(BatteryChanged(50)))
        u.handle(ChunkReceived(10))
        u.handle(BatteryChanged(12))
        assertEquals(WaitingForPower(2), u.handle(VerificationFinished(true)))
        assertEquals(Downloading(3, 0, 20, 1), u.handle(UpdateOffered(3, 20)))
        assertEquals(Downloading(3, 0, 20, 1), u.handle(BatteryChanged(90)))
        assertEquals(listOf(Idle, Downloading(2, 0, 10, 1), Verifying(2), WaitingForPower(2), Downloading(3, 0, 20, 1)), u.history)
    }

    @Test
    fun waitingForPowerCanBeCancelled() {
        val u = verifying(target = 4, battery = 0)
        u.handle(VerificationFinished(true))
        assertEquals(Idle, u.handle(Cancel))
        assertEquals(Idle, u.handle(BatteryChanged(100)))
        assertEquals(1, u.installedVersion)
    }

    @Test
    fun installCannotBeCancelledAndFailureKeepsVersion() {
        val u = verifying(target = 6, installed = 3)
        u.handle(VerificationFinished(true))
        assertRejected(u, Cancel)
        assertRejected(u, VerificationFinished(true))
        assertIgnored(u, UpdateOffered(10, 5))
        assertIgnored(u, ChunkReceived(5))
        assertIgnored(u, ConnectionLost)
        assertEquals(Installing(6), u.handle(BatteryChanged(1)))
        assertEquals(1, u.batteryPercent)
        assertEquals(Failed(6, FailureReason.INSTALL_FAILED), u.handle(InstallFinished(false)))
        assertEquals(3, u.installedVersion)
        assertEquals(Idle, u.handle(Cancel))
    }

    @Test
    fun progressPercentForEveryState() {
        val states: List<OtaState> = listOf(
            Idle,
            Downloading(1, 0, 1000, 1),
            Downloading(1, 999, 1000, 2),
            Downloading(1, 2_500_000_000, 5_000_000_000, 1),
            Downloading(1, 1, 3, 1),
            Verifying(1),
            WaitingForPower(1),
            Installing(1),
            Failed(1, FailureReason.DOWNLOAD_FAILED),
        )
        assertEquals(listOf(null, 0, 99, 50, 33, 100, 100, 100, null), states.map { it.progressPercent })
        assertNull(Failed(2, FailureReason.INSTALL_FAILED).progressPercent)
    }

    @Test
    fun validation() {
        assertFailsWith<IllegalArgumentException> { UpdateOffered(0, 10) }
        assertFailsWith<IllegalArgumentException> { UpdateOffered(1, 0) }
        assertFailsWith<IllegalArgumentException> { ChunkReceived(0) }
        assertFailsWith<IllegalArgumentException> { BatteryChanged(101) }
        assertFailsWith<IllegalArgumentException> { BatteryChanged(-1) }
        assertFailsWith<IllegalArgumentException> { OtaUpdater(-1) }
        assertFailsWith<IllegalArgumentException> { OtaUpdater(1, 101) }
        assertEquals(0, OtaUpdater(0).installedVersion)
        assertEquals(100, OtaUpdater(0).batteryPercent)
    }
}
