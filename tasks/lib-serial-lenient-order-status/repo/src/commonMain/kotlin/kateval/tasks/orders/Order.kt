package kateval.tasks.orders

import kotlinx.serialization.Serializable

@Serializable(with = OrderStatusSerializer::class)
enum class OrderStatus { PENDING, PAID, SHIPPED, DELIVERED, CANCELLED, UNKNOWN }

@Serializable
data class Order(
    val id: String,
    val status: OrderStatus = OrderStatus.PENDING,
    val history: List<OrderStatus> = emptyList(),
)
