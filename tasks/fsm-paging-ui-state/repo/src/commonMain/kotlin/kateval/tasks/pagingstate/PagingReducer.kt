package kateval.tasks.pagingstate

/** The paging reducer. See instruction.md. */
fun <T> reducePaging(state: PagingState<T>, event: PagingEvent<T>, keyOf: (T) -> Any): PagingResult<T> {
    TODO("reducePaging")
}
