package kateval.tasks.textfold

/** Accent-insensitive helpers built on [normalize]. See the task instruction for the exact rules. */
object TextFolding {
    /** Removes accents (combining marks) but keeps everything else, including letter case. */
    fun foldAccents(text: String): String {
        TODO("foldAccents")
    }

    /** Compares two strings ignoring case, accents and compatibility differences. */
    fun accentInsensitiveEquals(a: String, b: String): Boolean {
        TODO("accentInsensitiveEquals")
    }

    /** Builds a URL slug such as `creme-brulee-recipe` from a title. */
    fun slugify(title: String, maxLength: Int = 60): String {
        TODO("slugify")
    }
}
