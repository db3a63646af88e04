package kateval.tasks.shipping

/**
 * Returns the billable weight of a parcel in grams. See instruction.md for the rules.
 */
fun billableWeightGrams(actualGrams: Int, lengthCm: Int, widthCm: Int, heightCm: Int): Long {
    TODO("compute the billable weight")
}
