package kateval.tasks.seededrandom

/** A small, fast, reproducible 64-bit generator; see instruction.md. */
class SplitMix64(seed: Long) {
    fun nextLong(): Long {
        TODO()
    }

    fun nextLong(bound: Long): Long {
        TODO()
    }

    fun nextInt(bound: Int): Int {
        TODO()
    }

    fun nextDouble(): Double {
        TODO()
    }

    fun token(length: Int, alphabet: String): String {
        TODO()
    }

    companion object {
        fun secure(): SplitMix64 {
            TODO()
        }

        fun seedOf(bytes: ByteArray): Long {
            TODO()
        }
    }
}
