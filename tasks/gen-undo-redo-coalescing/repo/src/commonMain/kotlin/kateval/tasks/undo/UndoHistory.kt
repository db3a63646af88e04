package kateval.tasks.undo

/** Undo/redo history of immutable states with coalescing. See instruction.md. */
class UndoHistory<S>(initial: S, maxUndo: Int = 100, coalesceWindowMillis: Long = 1000) {
    val current: S get() = TODO("current")
    val canUndo: Boolean get() = TODO("canUndo")
    val canRedo: Boolean get() = TODO("canRedo")

    fun past(): List<S> = TODO("past")

    fun future(): List<S> = TODO("future")

    fun push(state: S, key: String? = null, atMillis: Long = 0): Unit = TODO("push")

    fun undo(): S? = TODO("undo")

    fun redo(): S? = TODO("redo")

    fun seal(): Unit = TODO("seal")
}

/** The whole timeline, oldest first, mapped by [select]. */
fun <S, R> UndoHistory<S>.timeline(select: (S) -> R): List<R> = TODO("timeline")
