package kateval.tasks.endpointkey

import kotlin.test.Test
import kotlin.test.assertEquals

class EndpointSmokeTest {
    @Test
    fun plainUrl() = assertEquals("GET api.example.com /api/items", endpointKey("GET", "https://api.example.com/api/items?page=1"))
}
