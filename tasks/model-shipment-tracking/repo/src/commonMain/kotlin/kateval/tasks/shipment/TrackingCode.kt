package kateval.tasks.shipment

/**
 * A normalized parcel tracking code: two upper-case ASCII letters (the carrier prefix)
 * followed by ten ASCII digits, the last of which is a check digit.
 */
@kotlin.jvm.JvmInline
value class TrackingCode private constructor(val value: String) {

    /** The two-letter carrier prefix, e.g. "AB". */
    val carrier: String
        get() = TODO("carrier")

    /** Human friendly form: "AB-12345-67895". */
    fun formatted(): String = TODO("formatted")

    companion object {
        /** Parses and validates [raw]; see instruction.md. */
        fun parse(raw: String): TrackingCode = TODO("parse")
    }
}
