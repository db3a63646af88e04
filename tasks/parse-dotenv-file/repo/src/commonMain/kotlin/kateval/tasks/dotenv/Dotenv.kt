package kateval.tasks.dotenv

/** A syntax error in a `.env` file; [line] is 1-based. */
class DotenvSyntaxException(val line: Int, message: String) : Exception("line $line: $message")

/**
 * Parses the contents of a `.env` file into an ordered map of variables.
 * See instruction.md for the exact rules.
 */
fun parseDotenv(text: String): Map<String, String> {
    TODO("parse the .env file")
}
