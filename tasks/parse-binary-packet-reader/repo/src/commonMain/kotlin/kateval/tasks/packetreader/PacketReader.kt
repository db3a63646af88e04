package kateval.tasks.packetreader

class TruncatedPacketException(val offset: Int) : RuntimeException("packet truncated at $offset")

class MalformedPacketException(message: String) : RuntimeException(message)

/** A bounds-checked big-endian reader; see instruction.md. */
class PacketReader(private val bytes: ByteArray) {
    var position: Int = 0
        private set

    val remaining: Int
        get() = TODO()

    fun readU8(): Int {
        TODO()
    }

    fun readU16(): Int {
        TODO()
    }

    fun readI32(): Int {
        TODO()
    }

    fun readI64(): Long {
        TODO()
    }

    fun readVarUInt(): Int {
        TODO()
    }

    fun readString(): String {
        TODO()
    }

    fun skip(n: Int) {
        TODO()
    }
}
