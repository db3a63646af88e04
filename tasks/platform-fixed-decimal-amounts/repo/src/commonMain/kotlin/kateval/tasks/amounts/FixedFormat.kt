package kateval.tasks.amounts

/**
 * Formats [value] in plain decimal notation with exactly [digits] digits after the decimal point.
 * The exact rules are in the task instruction; the JVM and JS implementations must agree.
 */
expect fun formatFixed(value: Double, digits: Int): String
