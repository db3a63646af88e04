package kateval.tasks.account

import kotlinx.serialization.Serializable

@Serializable
data class Profile(
    val id: Long,
    val displayName: String,
    val avatarUrl: String?,
    val bio: String = "",
    val languages: List<String>,
    val notifications: NotificationPrefs = NotificationPrefs(),
    val role: Role = Role.MEMBER,
)

@Serializable
data class NotificationPrefs(val email: Boolean = true, val push: Boolean = true)

@Serializable
enum class Role { MEMBER, MODERATOR, ADMIN }
