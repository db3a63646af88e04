package kateval.tasks.live

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/** Keeps a live connection open while the device is online. See instruction.md. */
class LiveLink(
    private val connector: Connector,
    connectivity: Flow<Boolean>,
    scope: CoroutineScope,
    private val baseDelayMillis: Long = 1_000,
    private val maxDelayMillis: Long = 30_000,
    private val stableAfterMillis: Long = 10_000,
) {
    val state: StateFlow<LinkState>
        get() = TODO()
}
