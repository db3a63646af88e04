package kateval.tasks.todopriority

import kotlin.test.Test
import kotlin.test.assertEquals

class TodoMapperExamplesTest {
    @Test
    fun mapsAValidDto() {
        val r = TodoMapper.fromDto(TodoDto("t1", " Buy milk ", "2024-03-01", false))
        assertEquals(MapResult.Ok(Todo("t1", "Buy milk", 19783, false)), r)
        assertEquals("2024-03-01", formatDay(19783))
    }
}
