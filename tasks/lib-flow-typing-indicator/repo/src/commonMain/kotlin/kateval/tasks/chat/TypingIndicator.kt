package kateval.tasks.chat

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/** Who is typing in a chat. See instruction.md for the rules. */
class TypingIndicator(
    private val scope: CoroutineScope,
    private val expireMillis: Long = 3_000,
) {
    val typing: StateFlow<List<String>>
        get() = TODO()

    val label: Flow<String?>
        get() = TODO()

    fun onTyping(user: String) {
        TODO()
    }

    fun onMessage(user: String) {
        TODO()
    }
}
