package kateval.tasks.imagecache

/** A node of [RecencyList]; holds one key. */
class RecencyNode<K>(val key: K) {
    internal var prev: RecencyNode<K>? = null
    internal var next: RecencyNode<K>? = null
}

/**
 * A doubly linked list of keys, most recently used first.
 *
 * [pushFront] inserts a detached node at the head, [unlink] detaches a node that is in the list
 * (its neighbours, [head] and [tail] are updated), [moveToFront] = unlink + pushFront, and
 * [removeLast] unlinks and returns the tail.
 */
class RecencyList<K> {
    var head: RecencyNode<K>? = null
        private set
    var tail: RecencyNode<K>? = null
        private set
    var size: Int = 0
        private set

    fun pushFront(node: RecencyNode<K>) {
        node.prev = null
        node.next = head
        head?.prev = node
        head = node
        if (tail == null) tail = node
        size++
    }

    fun unlink(node: RecencyNode<K>) {
        val before = node.prev
        val after = node.next
        if (before != null) before.next = after else head = after
        if (after != null) after.prev = before
        node.prev = null
        node.next = null
        size--
    }

    fun moveToFront(node: RecencyNode<K>) {
        if (head === node) return
        unlink(node)
        pushFront(node)
    }

    fun removeLast(): RecencyNode<K>? {
        val last = tail ?: return null
        unlink(last)
        return last
    }

    /** Keys from most to least recently used. */
    fun keys(): List<K> {
        val out = ArrayList<K>(size)
        var n = head
        while (n != null) {
            out += n.key
            n = n.next
        }
        return out
    }
}
