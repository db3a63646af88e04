package kateval.tasks.amounts

actual fun formatFixed(value: Double, digits: Int): String {
    TODO("JVM formatFixed")
}
