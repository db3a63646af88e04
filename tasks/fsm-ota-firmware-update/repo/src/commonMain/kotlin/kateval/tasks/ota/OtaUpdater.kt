package kateval.tasks.ota

/** Drives the firmware update of one device. See instruction.md for the transition rules. */
class OtaUpdater(installedVersion: Int, batteryPercent: Int = 100) {
    init {
        require(installedVersion >= 0) { "installed version must not be negative" }
        require(batteryPercent in 0..100) { "battery percent out of range" }
    }

    var installedVersion: Int = installedVersion
        private set

    var batteryPercent: Int = batteryPercent
        private set

    var state: OtaState = OtaState.Idle
        private set

    private val visited = mutableListOf<OtaState>(OtaState.Idle)

    /** Every state the updater has been in, oldest first, starting with the initial [OtaState.Idle]. */
    val history: List<OtaState>
        get() = visited.toList()

    /** Applies [event] and returns the new current state. */
    fun handle(event: OtaEvent): OtaState = TODO("handle")

    companion object {
        const val MAX_DOWNLOAD_ATTEMPTS = 3
        const val MIN_INSTALL_BATTERY = 30
    }
}
