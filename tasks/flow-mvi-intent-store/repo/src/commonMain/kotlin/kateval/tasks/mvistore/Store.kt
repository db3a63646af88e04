package kateval.tasks.mvistore

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/** Asynchronous work whose result is dispatched as an intent. Same [key]: the newer task wins. */
class Task<I>(val key: String, val work: suspend () -> I)

/** What the reducer returns for one intent. */
data class Update<S, I, E>(val state: S, val effects: List<E> = emptyList(), val tasks: List<Task<I>> = emptyList())

/** A sequential MVI store. See instruction.md. */
class Store<S, I, E>(initial: S, scope: CoroutineScope, reducer: (S, I) -> Update<S, I, E>) {
    val state: StateFlow<S> get() = TODO("state")

    val effects: Flow<E> get() = TODO("effects")

    fun dispatch(intent: I): Unit = TODO("dispatch")

    fun close(): Unit = TODO("close")
}
