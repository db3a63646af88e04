package kateval.tasks.semver

/** A semantic version (semver.org 2.0.0). See instruction.md. */
data class SemVer(
    val major: Int,
    val minor: Int,
    val patch: Int,
    val preRelease: List<String> = emptyList(),
    val build: List<String> = emptyList(),
) : Comparable<SemVer> {
    init {
        TODO("validate")
    }

    override fun compareTo(other: SemVer): Int = TODO("compareTo")

    override fun toString(): String = TODO("toString")

    fun nextMajor(): SemVer = TODO("nextMajor")

    fun nextMinor(): SemVer = TODO("nextMinor")

    fun nextPatch(): SemVer = TODO("nextPatch")

    companion object {
        fun parse(text: String): SemVer = TODO("parse")
    }
}
