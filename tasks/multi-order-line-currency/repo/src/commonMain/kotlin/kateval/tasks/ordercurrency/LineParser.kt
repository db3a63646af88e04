package kateval.tasks.ordercurrency

sealed class ParseResult {
    data class Ok(val line: OrderLine) : ParseResult()
    data class Error(val message: String) : ParseResult()
}

/** Parses `sku;quantity;price` (see instruction.md for the currency column). */
fun parseLine(text: String): ParseResult {
    val parts = text.split(';').map { it.trim() }
    if (parts.size != 3) return ParseResult.Error("expected 3 fields")
    val sku = parts[0]
    if (sku.isEmpty()) return ParseResult.Error("missing sku")
    val quantity = parts[1].toIntOrNull()
    if (quantity == null || quantity <= 0) return ParseResult.Error("bad quantity '${parts[1]}'")
    val price = parsePrice(parts[2], 2) ?: return ParseResult.Error("bad price '${parts[2]}'")
    return ParseResult.Ok(OrderLine(sku, quantity, price))
}

/** "12.50" with [decimals] = 2 -> 1250; null unless exactly that many decimals. */
private fun parsePrice(raw: String, decimals: Int): Long? {
    val m = (if (decimals == 0) Regex("""(\d+)""") else Regex("""(\d+)\.(\d{$decimals})""")).matchEntire(raw) ?: return null
    val whole = m.groupValues[1].toLongOrNull() ?: return null
    val frac = if (decimals == 0) 0L else m.groupValues[2].toLong()
    var scale = 1L
    repeat(decimals) { scale *= 10 }
    return whole * scale + frac
}
