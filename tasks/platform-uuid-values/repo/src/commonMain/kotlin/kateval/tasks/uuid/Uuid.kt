package kateval.tasks.uuid

/** A 128-bit UUID; see instruction.md. */
class Uuid(val mostSignificantBits: Long, val leastSignificantBits: Long) : Comparable<Uuid> {
    val version: Int
        get() = TODO()

    val variant: Int
        get() = TODO()

    fun toBytes(): ByteArray {
        TODO()
    }

    override fun compareTo(other: Uuid): Int {
        TODO()
    }

    override fun equals(other: Any?): Boolean = TODO()

    override fun hashCode(): Int = TODO()

    override fun toString(): String = TODO()

    companion object {
        val NIL: Uuid = Uuid(0, 0)

        fun parse(text: String): Uuid {
            TODO()
        }

        fun parseOrNull(text: String): Uuid? {
            TODO()
        }

        fun fromBytes(bytes: ByteArray): Uuid {
            TODO()
        }

        fun random(): Uuid {
            TODO()
        }
    }
}
