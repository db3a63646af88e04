package kateval.tasks.semrange

/** A set of version ranges such as `^1.2.3 || >=2.0.0 <2.5`. See instruction.md. */
class VersionRange {
    fun contains(version: Version): Boolean = TODO("contains")

    companion object {
        fun parse(text: String): VersionRange = TODO("parse")
    }
}
