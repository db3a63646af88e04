package kateval.tasks.listselection

data class SelectionState(
    val items: List<String> = emptyList(),
    val selected: Set<String> = emptySet(),
    val anchor: String? = null,
)

sealed interface SelectionAction {
    data class Click(val key: String) : SelectionAction
    data class ToggleClick(val key: String) : SelectionAction
    data class ShiftClick(val key: String) : SelectionAction
    data object SelectAll : SelectionAction
    data object ClearSelection : SelectionAction
    data class SetItems(val keys: List<String>) : SelectionAction
}

/** The selection after [action]. See instruction.md. */
fun reduceSelection(state: SelectionState, action: SelectionAction): SelectionState {
    TODO("reduceSelection")
}

/** The selected keys in display order. */
fun selectedInOrder(state: SelectionState): List<String> {
    TODO("selectedInOrder")
}
