package kateval.tasks.imagecache

/** A map that remembers the order of use; [get] and [put] make a key the most recent. */
class LruMap<K, V> {
    private class Slot<K, V>(val node: RecencyNode<K>, var value: V)

    private val slots = HashMap<K, Slot<K, V>>()
    private val order = RecencyList<K>()

    val size: Int get() = slots.size

    operator fun get(key: K): V? {
        val slot = slots[key] ?: return null
        order.moveToFront(slot.node)
        return slot.value
    }

    /** Inserts or replaces; returns the previous value. */
    fun put(key: K, value: V): V? {
        val slot = slots[key]
        if (slot != null) {
            val old = slot.value
            slot.value = value
            order.moveToFront(slot.node)
            return old
        }
        val node = RecencyNode(key)
        slots[key] = Slot(node, value)
        order.pushFront(node)
        return null
    }

    fun remove(key: K): V? {
        val slot = slots.remove(key) ?: return null
        order.unlink(slot.node)
        return slot.value
    }

    /** Removes and returns the least recently used entry. */
    fun removeEldest(): Pair<K, V>? {
        val node = order.removeLast() ?: return null
        val slot = slots.remove(node.key)!!
        return node.key to slot.value
    }

    /** Keys from most to least recently used. */
    fun keysByRecency(): List<K> = order.keys()
}
