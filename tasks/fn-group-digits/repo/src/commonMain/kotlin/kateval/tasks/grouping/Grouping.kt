package kateval.tasks.grouping

enum class GroupingStyle { WESTERN, INDIAN }

/** [n] with its digits grouped by [separator]. See instruction.md. */
fun groupDigits(n: Long, separator: String = ",", style: GroupingStyle = GroupingStyle.WESTERN): String {
    TODO("groupDigits")
}
