package kateval.tasks.billing

import kotlinx.serialization.Serializable

/** An amount in a currency's minor units (cents for EUR, yen for JPY, fils for BHD). */
@Serializable(with = MoneySerializer::class)
data class Money(val minorUnits: Long, val currency: String)

@Serializable
data class InvoiceLine(val label: String, val amount: Money, val discount: Money? = null)

@Serializable
data class Invoice(val id: String, val lines: List<InvoiceLine>, val total: Money)
