package kateval.tasks.outbox

fun interface Clock {
    fun nowMillis(): Long
}

enum class MessageState { PENDING, IN_FLIGHT }

data class OutboxMessage(
    val id: Long,
    val key: String,
    val payload: String,
    val attempts: Int,
    val availableAt: Long,
    val state: MessageState,
)

/** An ordered outbox with per-key delivery order; see instruction.md. */
class Outbox(
    val maxAttempts: Int,
    private val backoffMillis: (attempts: Int) -> Long,
    private val clock: Clock,
) {
    val deadLetters: List<OutboxMessage> get() = TODO()

    fun enqueue(key: String, payload: String): Long {
        TODO()
    }

    fun claim(max: Int): List<OutboxMessage> {
        TODO()
    }

    fun ack(id: Long): Boolean {
        TODO()
    }

    fun nack(id: Long): Boolean {
        TODO()
    }

    fun pending(): List<OutboxMessage> {
        TODO()
    }
}
