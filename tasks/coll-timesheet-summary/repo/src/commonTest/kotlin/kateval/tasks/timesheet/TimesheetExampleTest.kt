package kateval.tasks.timesheet

import kotlin.test.Test
import kotlin.test.assertEquals

class TimesheetExampleTest {
    @Test
    fun singleEntry() {
        assertEquals(
            listOf(EmployeeSummary("Ann", 60, listOf(ProjectTime("Apollo", 60)), emptyList())),
            summarizeTimesheet(listOf(TimeEntry("Ann", "Apollo", "2024-05-02", 60))),
        )
    }
}
