package warm

fun warm(x: Int): Int = x + 1
