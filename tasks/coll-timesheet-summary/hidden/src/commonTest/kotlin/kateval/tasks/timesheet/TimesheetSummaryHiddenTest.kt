package kateval.tasks.timesheet

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class TimesheetSummaryHiddenTest {

    @Test
    fun exampleFromInstructions() {
        val result = summarizeTimesheet(listOf(
            TimeEntry("Ann", "Apollo", "2024-05-02", 300),
            TimeEntry("Ann", "Borealis", "2024-05-02", 200),
            TimeEntry("Bob", "Apollo", "2024-05-02", 60),
            TimeEntry("Ann", "Apollo", "2024-05-03", 120),
        ))
        assertEquals(
            listOf(
                EmployeeSummary("Ann", 620, listOf(ProjectTime("Apollo", 420), ProjectTime("Borealis", 200)), listOf("2024-05-02")),
                EmployeeSummary("Bob", 60, listOf(ProjectTime("Apollo", 60)), emptyList()),
            ),
            result,
        )
    }

    @Test
    fun noEntries() {
        assertEquals(emptyList(), summarizeTimesheet(emptyList()))
    }

    @Test
    fun employeesSortedByTotalThenName() {
        val result = summarizeTimesheet(listOf(
            TimeEntry("zoe", "P", "2024-01-01", 100),
            TimeEntry("Carl", "P", "2024-01-01", 100),
            TimeEntry("Ann", "P", "2024-01-01", 30),
            TimeEntry("Ann", "Q", "2024-01-02", 70),
            TimeEntry("Dan", "P", "2024-01-01", 400),
            TimeEntry("ann", "P", "2024-01-01", 1),
        ))
        assertEquals(listOf("Dan", "Ann", "Carl", "zoe", "ann"), result.map { it.employee })
        assertEquals(listOf(400, 100, 100, 100, 1), result.map { it.totalMinutes })
    }

    @Test
    fun projectsSortedByMinutesThenName() {
        val result = summarizeTimesheet(listOf(
            TimeEntry("Eve", "delta", "2024-02-01", 50),
            TimeEntry("Eve", "Alpha", "2024-02-01", 50),
            TimeEntry("Eve", "charlie", "2024-02-02", 90),
            TimeEntry("Eve", "bravo", "2024-02-03", 30),
            TimeEntry("Eve", "bravo", "2024-02-04", 20),
        ))
        assertEquals(
            listOf(ProjectTime("charlie", 90), ProjectTime("Alpha", 50), ProjectTime("bravo", 50), ProjectTime("delta", 50)),
            result.single().projects,
        )
    }

    @Test
    fun overtimeIsStrictlyAboveLimitAndSummedAcrossProjects() {
        val result = summarizeTimesheet(listOf(
            TimeEntry("Max", "A", "2024-03-05", 480),
            TimeEntry("Max", "A", "2024-03-04", 400),
            TimeEntry("Max", "B", "2024-03-04", 81),
            TimeEntry("Max", "A", "2024-02-28", 241),
            TimeEntry("Max", "B", "2024-02-28", 240),
            TimeEntry("Max", "C", "2024-02-28", 1),
            TimeEntry("Other", "A", "2024-03-05", 10),
        ))
        assertEquals(listOf("2024-02-28", "2024-03-04"), result.first { it.employee == "Max" }.overtimeDates)
    }

    @Test
    fun overtimeIsPerEmployee() {
        val result = summarizeTimesheet(listOf(
            TimeEntry("A", "X", "2024-01-10", 300),
            TimeEntry("B", "X", "2024-01-10", 300),
        ), dailyLimitMinutes = 299)
        assertEquals(listOf(listOf("2024-01-10"), listOf("2024-01-10")), result.map { it.overtimeDates })
        val none = summarizeTimesheet(listOf(
            TimeEntry("A", "X", "2024-01-10", 300),
            TimeEntry("B", "X", "2024-01-10", 300),
        ), dailyLimitMinutes = 300)
        assertEquals(listOf(emptyList<String>(), emptyList()), none.map { it.overtimeDates })
    }

    @Test
    fun namesAreTrimmedButCaseSensitive() {
        val result = summarizeTimesheet(listOf(
            TimeEntry("  J\u00FCrgen ", " Kiosk", "2024-04-01", 10),
            TimeEntry("J\u00FCrgen", "Kiosk\t", "2024-04-01", 20),
            TimeEntry("J\u00FCrgen", "kiosk", "2024-04-01", 5),
        ))
        assertEquals(
            listOf(EmployeeSummary("J\u00FCrgen", 35, listOf(ProjectTime("Kiosk", 30), ProjectTime("kiosk", 5)), emptyList())),
            result,
        )
    }

    @Test
    fun boundaryMinutesAccepted() {
        val result = summarizeTimesheet(listOf(
            TimeEntry("N", "P", "2024-06-01", 1440),
            TimeEntry("N", "P", "2024-06-02", 1),
        ))
        assertEquals(1441, result.single().totalMinutes)
        assertEquals(listOf("2024-06-01"), result.single().overtimeDates)
    }

    @Test
    fun rejectsInvalidMinutes() {
        assertFailsWith<IllegalArgumentException> { summarizeTimesheet(listOf(TimeEntry("A", "P", "2024-01-01", 0))) }
        assertFailsWith<IllegalArgumentException> { summarizeTimesheet(listOf(TimeEntry("A", "P", "2024-01-01", -30))) }
        assertFailsWith<IllegalArgumentException> {
            summarizeTimesheet(listOf(TimeEntry("A", "P", "2024-01-01", 60), TimeEntry("A", "P", "2024-01-02", 1441)))
        }
    }

    @Test
    fun rejectsBlankNames() {
        assertFailsWith<IllegalArgumentException> { summarizeTimesheet(listOf(TimeEntry("", "P", "2024-01-01", 10))) }
        assertFailsWith<IllegalArgumentException> { summarizeTimesheet(listOf(TimeEntry("A", " \t", "2024-01-01", 10))) }
    }

    @Test
    fun rejectsNonPositiveLimit() {
        assertFailsWith<IllegalArgumentException> { summarizeTimesheet(emptyList(), dailyLimitMinutes = 0) }
        assertFailsWith<IllegalArgumentException> {
            summarizeTimesheet(listOf(TimeEntry("A", "P", "2024-01-01", 10)), dailyLimitMinutes = -1)
        }
    }
}
