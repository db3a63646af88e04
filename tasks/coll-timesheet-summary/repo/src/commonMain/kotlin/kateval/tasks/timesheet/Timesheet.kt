package kateval.tasks.timesheet

/** One booking: [minutes] worked by [employee] on [project] at [date] (`YYYY-MM-DD`). */
data class TimeEntry(val employee: String, val project: String, val date: String, val minutes: Int)

/** Minutes booked on one project. */
data class ProjectTime(val project: String, val minutes: Int)

/** Aggregated time of one employee. */
data class EmployeeSummary(
    val employee: String,
    val totalMinutes: Int,
    val projects: List<ProjectTime>,
    val overtimeDates: List<String>,
)

/**
 * Aggregates [entries] per employee. See instruction.md for the exact rules.
 */
fun summarizeTimesheet(entries: List<TimeEntry>, dailyLimitMinutes: Int = 480): List<EmployeeSummary> {
    TODO("summarise the timesheet")
}
