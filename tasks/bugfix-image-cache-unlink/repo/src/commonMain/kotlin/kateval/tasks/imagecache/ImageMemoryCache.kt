package kateval.tasks.imagecache

class Bitmap(val url: String, val bytes: Int)

/**
 * Keeps decoded images while their total size is at most [maxBytes]. Adding an image evicts
 * least recently used images until it fits; an image larger than [maxBytes] is not cached.
 * [get] counts as a use.
 */
class ImageMemoryCache(val maxBytes: Int) {
    private val map = LruMap<String, Bitmap>()

    var usedBytes: Int = 0
        private set

    val evicted = mutableListOf<String>()

    fun get(url: String): Bitmap? = map[url]

    fun put(bitmap: Bitmap) {
        if (bitmap.bytes > maxBytes) return
        map.put(bitmap.url, bitmap)?.let { usedBytes -= it.bytes }
        usedBytes += bitmap.bytes
        while (usedBytes > maxBytes) {
            val (url, old) = map.removeEldest() ?: break
            usedBytes -= old.bytes
            evicted += url
        }
    }

    fun remove(url: String) {
        map.remove(url)?.let { usedBytes -= it.bytes }
    }

    fun keysByRecency(): List<String> = map.keysByRecency()
}
