package kateval.tasks.drafts

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.StateFlow

/** Saves the draft while the user types. See instruction.md for the rules. */
class DraftAutosaver(
    private val store: DraftStore,
    scope: CoroutineScope,
    initialText: String = "",
    private val quietMillis: Long = 1_000,
    private val maxWaitMillis: Long = 5_000,
) {
    val status: StateFlow<SaveStatus>
        get() = TODO()

    fun edit(text: String) {
        TODO()
    }
}
