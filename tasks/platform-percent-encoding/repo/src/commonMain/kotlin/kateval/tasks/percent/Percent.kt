package kateval.tasks.percent

/** RFC 3986 percent-encoding of [text] (UTF-8, uppercase hex, unreserved characters kept). */
expect fun percentEncode(text: String): String

/** Decodes %XX escapes as strict UTF-8; everything else is kept, including '+'. */
expect fun percentDecode(text: String): String
