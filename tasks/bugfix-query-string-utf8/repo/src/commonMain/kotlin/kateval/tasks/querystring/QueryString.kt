package kateval.tasks.querystring

/** application/x-www-form-urlencoded encoding and decoding. */
object QueryString {
    private const val UNRESERVED_MARKS = "-._~"

    fun encodeComponent(s: String): String {
        val sb = StringBuilder()
        for (c in s) {
            when {
                c.isLetterOrDigit() || c in UNRESERVED_MARKS -> sb.append(c)
                c == ' ' -> sb.append('+')
                else -> sb.append('%').append(c.code.toString(16))
            }
        }
        return sb.toString()
    }

    fun decodeComponent(s: String): String {
        val sb = StringBuilder()
        var i = 0
        while (i < s.length) {
            val c = s[i]
            if (c == '%') {
                require(i + 3 < s.length) { "truncated escape in '$s'" }
                val code = s.substring(i + 1, i + 3).toIntOrNull(16)
                    ?: throw IllegalArgumentException("bad escape in '$s'")
                sb.append(code.toChar())
                i += 3
            } else {
                sb.append(c)
                i++
            }
        }
        return sb.toString().replace('+', ' ')
    }

    fun parse(query: String): List<Pair<String, String>> =
        query.removePrefix("?").split('&').filter { it.isNotEmpty() }.map { piece ->
            val parts = piece.split('=')
            decodeComponent(parts[0]) to decodeComponent(parts.getOrElse(1) { "" })
        }

    fun format(params: List<Pair<String, String>>): String =
        params.joinToString("&") { (k, v) -> encodeComponent(k) + "=" + encodeComponent(v) }
}
