package kateval.tasks.orders

import kotlinx.serialization.KSerializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder

/** Order statuses as the API spells them. See instruction.md. */
object OrderStatusSerializer : KSerializer<OrderStatus> {
    override val descriptor: SerialDescriptor
        get() = TODO()

    override fun serialize(encoder: Encoder, value: OrderStatus) {
        TODO()
    }

    override fun deserialize(decoder: Decoder): OrderStatus {
        TODO()
    }
}
