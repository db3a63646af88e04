package kateval.tasks.imagecache

import kotlin.test.Test
import kotlin.test.assertEquals

class ImageCacheSmokeTest {
    @Test
    fun keepsImagesWithinBudget() {
        val cache = ImageMemoryCache(250)
        cache.put(Bitmap("a", 100))
        cache.put(Bitmap("b", 100))
        assertEquals(listOf("b", "a"), cache.keysByRecency())
        assertEquals(200, cache.usedBytes)
    }
}
