package kateval.tasks.textfold

/** The four Unicode normalization forms (UAX #15). */
enum class NormalForm { NFC, NFD, NFKC, NFKD }

/** Returns [text] converted to the Unicode normalization form [form]. */
expect fun normalize(text: String, form: NormalForm): String
