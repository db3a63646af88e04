package kateval.tasks.ota

enum class FailureReason { DOWNLOAD_FAILED, VERIFICATION_FAILED, INSTALL_FAILED }

sealed interface OtaState {
    data object Idle : OtaState
    data class Downloading(
        val targetVersion: Int,
        val receivedBytes: Long,
        val totalBytes: Long,
        val attempt: Int,
    ) : OtaState
    data class Verifying(val targetVersion: Int) : OtaState
    data class WaitingForPower(val targetVersion: Int) : OtaState
    data class Installing(val targetVersion: Int) : OtaState
    data class Failed(val targetVersion: Int, val reason: FailureReason) : OtaState
}

sealed interface OtaEvent {
    data class UpdateOffered(val version: Int, val sizeBytes: Long) : OtaEvent {
        init {
            require(version >= 1) { "version must be positive" }
            require(sizeBytes > 0) { "size must be positive" }
        }
    }

    data class ChunkReceived(val bytes: Long) : OtaEvent {
        init {
            require(bytes > 0) { "chunk must not be empty" }
        }
    }

    data object ConnectionLost : OtaEvent
    data class VerificationFinished(val ok: Boolean) : OtaEvent
    data class InstallFinished(val success: Boolean) : OtaEvent

    data class BatteryChanged(val percent: Int) : OtaEvent {
        init {
            require(percent in 0..100) { "battery percent out of range" }
        }
    }

    data object Cancel : OtaEvent
}

/** Download progress in whole percent; see instruction.md. */
val OtaState.progressPercent: Int?
    get() = TODO("progressPercent")
