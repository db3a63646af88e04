package kateval.tasks.todopriority

sealed class MapResult {
    data class Ok(val todo: Todo) : MapResult()
    data class Invalid(val errors: List<FieldError>) : MapResult()
}

object TodoMapper {
    fun toDto(todo: Todo): TodoDto = TodoDto(
        id = todo.id,
        title = todo.title,
        due = todo.dueEpochDay?.let { formatDay(it) },
        done = todo.done,
    )

    fun fromDto(dto: TodoDto): MapResult {
        val errors = mutableListOf<FieldError>()
        val id = dto.id?.trim().orEmpty()
        if (id.isEmpty()) errors += FieldError("id", "missing id")
        val title = dto.title?.trim().orEmpty()
        if (title.isEmpty()) errors += FieldError("title", "missing title")
        val due = dto.due?.let { raw ->
            parseDay(raw) ?: run { errors += FieldError("due", "bad date '$raw'"); null }
        }
        if (errors.isNotEmpty()) return MapResult.Invalid(errors)
        return MapResult.Ok(Todo(id, title, due, dto.done ?: false))
    }
}

/** Days since 1970-01-01 -> "YYYY-MM-DD" (proleptic Gregorian). */
fun formatDay(epochDay: Long): String {
    val z = epochDay + 719468
    val era = (if (z >= 0) z else z - 146096) / 146097
    val doe = z - era * 146097
    val yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    val doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    val mp = (5 * doy + 2) / 153
    val d = doy - (153 * mp + 2) / 5 + 1
    val m = if (mp < 10) mp + 3 else mp - 9
    val y = yoe + era * 400 + if (m <= 2) 1 else 0
    return "${y.toString().padStart(4, '0')}-${m.toString().padStart(2, '0')}-${d.toString().padStart(2, '0')}"
}

/** "YYYY-MM-DD" -> days since 1970-01-01, or null if malformed. */
fun parseDay(text: String): Long? {
    val m = Regex("""(\d{4})-(\d{2})-(\d{2})""").matchEntire(text) ?: return null
    val (y0, mo, d) = m.destructured.toList().map { it.toLong() }
    if (mo !in 1..12 || d < 1 || d > 31) return null
    val y = if (mo <= 2) y0 - 1 else y0
    val era = (if (y >= 0) y else y - 399) / 400
    val yoe = y - era * 400
    val doy = (153 * (if (mo > 2) mo - 3 else mo + 9) + 2) / 5 + d - 1
    val doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    val day = era * 146097 + doe - 719468
    return if (formatDay(day) == text) day else null
}
