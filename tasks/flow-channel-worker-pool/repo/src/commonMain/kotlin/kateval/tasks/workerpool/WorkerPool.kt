package kateval.tasks.workerpool

/** Runs [block] over [items] with at most [workers] concurrent calls; results in input order. */
suspend fun <T, R> processWithWorkers(
    items: List<T>,
    workers: Int,
    onProgress: (done: Int, total: Int) -> Unit = { _, _ -> },
    block: suspend (T) -> R,
): List<R> {
    TODO()
}
