package kateval.tasks.todopriority

import kotlin.test.*

class TodoPriorityHiddenTest {
    private fun ok(dto: TodoDto) = assertIs<MapResult.Ok>(TodoMapper.fromDto(dto)).todo

    @Test
    fun defaultPriorityIsNormal() {
        assertEquals(Priority.NORMAL, Todo("a", "t", null, false).priority)
        assertEquals(Priority.NORMAL, ok(TodoDto("a", "t")).priority)
        assertEquals(Priority.NORMAL, ok(TodoDto("a", "t", priority = "  ")).priority)
        assertEquals(Priority.NORMAL, ok(TodoDto("a", "t", priority = "")).priority)
    }

    @Test
    fun priorityIsReadCaseInsensitively() {
        assertEquals(Priority.HIGH, ok(TodoDto("a", "t", priority = " High ")).priority)
        assertEquals(Priority.URGENT, ok(TodoDto("a", "t", priority = "URGENT")).priority)
        assertEquals(Priority.LOW, ok(TodoDto("a", "t", priority = "low")).priority)
    }

    @Test
    fun toDtoWritesLowercaseName() {
        assertEquals("urgent", TodoMapper.toDto(Todo("a", "t", 5, false, Priority.URGENT)).priority)
        assertEquals("normal", TodoMapper.toDto(Todo("a", "t", null, true)).priority)
    }

    @Test
    fun roundTrip() {
        for (p in Priority.entries) {
            val todo = Todo("id-$p", "title", 19783, p == Priority.LOW, p)
            assertEquals(MapResult.Ok(todo), TodoMapper.fromDto(TodoMapper.toDto(todo)))
        }
    }

    @Test
    fun unknownPriorityIsCollectedWithOtherErrors() {
        val r = assertIs<MapResult.Invalid>(TodoMapper.fromDto(TodoDto(null, "t", "2024-02-30", priority = " asap")))
        assertEquals(listOf(FieldError("id", "missing id"), FieldError("due", "bad date '2024-02-30'"), FieldError("priority", "unknown priority ' asap'")), r.errors)
    }

    @Test
    fun unknownPriorityAlone() {
        val r = assertIs<MapResult.Invalid>(TodoMapper.fromDto(TodoDto("a", "t", priority = "p1")))
        assertEquals(listOf(FieldError("priority", "unknown priority 'p1'")), r.errors)
    }

    @Test
    fun urgentNeedsDueDate() {
        assertEquals(listOf(FieldError("priority", "urgent todos need a due date")), TodoValidator.validate(Todo("a", "t", null, false, Priority.URGENT), 100))
        assertEquals(emptyList(), TodoValidator.validate(Todo("a", "t", 100, false, Priority.URGENT), 100))
        assertEquals(emptyList(), TodoValidator.validate(Todo("a", "t", null, false, Priority.HIGH), 100))
    }

    @Test
    fun priorityRuleComesAfterExistingRules() {
        val errs = TodoValidator.validate(Todo("a", "x".repeat(121), null, false, Priority.URGENT), 1_000)
        assertEquals(listOf("title", "priority"), errs.map { it.field })
    }

    @Test
    fun inboxSortsByDoneThenPriorityThenDueThenTitle() {
        val todos = listOf(
            Todo("1", "b", 10, false, Priority.NORMAL),
            Todo("2", "a", null, false, Priority.URGENT),
            Todo("3", "c", 5, false, Priority.URGENT),
            Todo("4", "d", 1, true, Priority.URGENT),
            Todo("5", "a", 10, false, Priority.NORMAL),
            Todo("6", "z", 1, false, Priority.LOW),
            Todo("7", "y", null, false, Priority.HIGH),
        )
        assertEquals(listOf("3", "2", "7", "5", "1", "6", "4"), inbox(todos).map { it.id })
    }

    @Test
    fun existingMappingStillWorks() {
        val r = assertIs<MapResult.Invalid>(TodoMapper.fromDto(TodoDto(" ", " ")))
        assertEquals(listOf(FieldError("id", "missing id"), FieldError("title", "missing title")), r.errors)
    }
}
