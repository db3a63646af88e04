package kateval.tasks.semrange

/** A semantic version without build metadata. Ordered by semver precedence. */
data class Version(val major: Int, val minor: Int, val patch: Int, val preRelease: List<String> = emptyList()) :
    Comparable<Version> {
    init {
        require(major >= 0 && minor >= 0 && patch >= 0) { "negative version number" }
        for (id in preRelease) {
            require(id.isNotEmpty() && id.all { it in '0'..'9' || it in 'a'..'z' || it in 'A'..'Z' || it == '-' }) {
                "bad pre-release identifier '$id'"
            }
            require(!(isNumeric(id) && id.length > 1 && id[0] == '0')) { "leading zero in '$id'" }
        }
    }

    /** Same major, minor and patch. */
    fun sameTuple(other: Version): Boolean = major == other.major && minor == other.minor && patch == other.patch

    override fun compareTo(other: Version): Int {
        compareValues(major, other.major).let { if (it != 0) return it }
        compareValues(minor, other.minor).let { if (it != 0) return it }
        compareValues(patch, other.patch).let { if (it != 0) return it }
        if (preRelease.isEmpty() && other.preRelease.isEmpty()) return 0
        if (preRelease.isEmpty()) return 1
        if (other.preRelease.isEmpty()) return -1
        for (i in 0 until minOf(preRelease.size, other.preRelease.size)) {
            val a = preRelease[i]
            val b = other.preRelease[i]
            val c = when {
                isNumeric(a) && isNumeric(b) -> if (a.length != b.length) compareValues(a.length, b.length) else a.compareTo(b)
                isNumeric(a) -> -1
                isNumeric(b) -> 1
                else -> a.compareTo(b)
            }
            if (c != 0) return c
        }
        return compareValues(preRelease.size, other.preRelease.size)
    }

    override fun toString(): String =
        "$major.$minor.$patch" + if (preRelease.isEmpty()) "" else "-" + preRelease.joinToString(".")

    companion object {
        internal fun isNumeric(s: String) = s.isNotEmpty() && s.all { it in '0'..'9' }

        /** Parses `MAJOR.MINOR.PATCH[-pre][+build]`; build metadata is dropped. */
        fun parse(text: String): Version {
            val main = text.substringBefore('+')
            if (text.contains('+')) {
                val build = text.substringAfter('+').split('.')
                require(build.all { id -> id.isNotEmpty() && id.all { it in '0'..'9' || it in 'a'..'z' || it in 'A'..'Z' || it == '-' } }) {
                    "bad build metadata in '$text'"
                }
            }
            val core = main.substringBefore('-')
            val pre = if (main.contains('-')) main.substringAfter('-').split('.') else emptyList()
            val parts = core.split('.')
            require(parts.size == 3) { "expected MAJOR.MINOR.PATCH in '$text'" }
            val nums = parts.map { p ->
                require(isNumeric(p) && (p.length == 1 || p[0] != '0') && p.length <= 10) { "bad number '$p' in '$text'" }
                val v = p.toLong()
                require(v <= Int.MAX_VALUE) { "number too large in '$text'" }
                v.toInt()
            }
            return Version(nums[0], nums[1], nums[2], pre)
        }
    }
}
