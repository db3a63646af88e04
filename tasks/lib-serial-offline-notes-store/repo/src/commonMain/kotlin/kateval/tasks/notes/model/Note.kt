package kateval.tasks.notes.model

import kotlinx.serialization.Serializable

@Serializable
data class Note(val id: String, val text: String, val pinned: Boolean = false, val updatedAt: Long)
