package kateval.tasks.ini

class IniException(val line: Int, message: String) : Exception("line $line: $message")

/** Parses INI text into section -> (key -> value). See instruction.md. */
fun parseIni(text: String): Map<String, Map<String, String>> {
    TODO("parse INI")
}
