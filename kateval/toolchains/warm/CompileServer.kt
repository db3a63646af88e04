// kateval's warm compiler: one JVM that keeps K2JVMCompiler and K2JSCompiler loaded and
// compiles one request at a time. It runs inside its own bubblewrap (no network, only the
// worker's slot folder writable), so it sees one sample's sources at a time.
//
// Protocol (stdin/stdout, UTF-8): a request is the line "COMPILE <jvm|js> <n>" followed by n
// lines, one compiler argument each. The answer is the line "DONE <exit> <rss_kb> <bytes>"
// followed by <bytes> bytes of compiler output (diagnostics in kotlinc's file:line:col form).
// Anything else on stdout would corrupt the protocol, so System.out is pointed at stderr.
// Written in Kotlin, not Java, because the machines kateval runs on have a JRE and kotlinc
// but not necessarily javac.
package kateval.warm

import java.io.ByteArrayOutputStream
import java.io.File
import java.io.OutputStream
import java.io.PrintStream
import kotlin.system.exitProcess
import org.jetbrains.kotlin.cli.js.K2JSCompiler
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler

private fun rssKb(): Long =
    try {
        File("/proc/self/status").readLines().firstOrNull { it.startsWith("VmRSS:") }
            ?.filter { it.isDigit() }?.toLong() ?: 0L
    } catch (e: Exception) {
        0L // no /proc: the compilation count still bounds the service
    }

// What one answer keeps of the compiler's output. A source with tens of thousands of errors
// makes hundreds of megabytes of diagnostics: kept whole, they would fill the heap and kill
// the service (and kateval keeps only REPLY_LIMIT of an answer anyway).
private const val OUTPUT_CAP = 4_000_000

private class CappedOutput(private val cap: Int) : OutputStream() {
    private val kept = ByteArrayOutputStream()
    private var dropped = 0L

    override fun write(b: Int) {
        if (kept.size() < cap) kept.write(b) else dropped++
    }

    override fun write(b: ByteArray, off: Int, len: Int) {
        val room = minOf(len, maxOf(0, cap - kept.size()))
        kept.write(b, off, room)
        dropped += len - room
    }

    fun bytes(): ByteArray =
        if (dropped == 0L) kept.toByteArray()
        else kept.toByteArray() + "\n[kateval: $dropped more bytes of compiler output dropped]\n"
            .toByteArray(Charsets.UTF_8)
}

private fun compile(kind: String, args: Array<String>, out: PrintStream): Int =
    when (kind) {
        "jvm" -> K2JVMCompiler().exec(out, *args).code
        "js" -> K2JSCompiler().exec(out, *args).code
        else -> { out.println("error: unknown compiler '$kind'"); 3 }
    }

fun main() {
    val protocol = System.out
    System.setOut(System.err)
    val input = System.`in`.bufferedReader(Charsets.UTF_8)
    while (true) {
        // End of requests: exit at once, whatever threads the compilers left (an AppCDS
        // archive, when asked for, is written at this exit).
        val header = input.readLine() ?: exitProcess(0)
        val parts = header.split(" ")
        if (parts.size != 3 || parts[0] != "COMPILE") {
            System.err.println("kateval compile server: bad request: $header")
            exitProcess(70)
        }
        val args = Array(parts[2].toInt()) { input.readLine() ?: exitProcess(70) }
        val buffer = CappedOutput(OUTPUT_CAP)
        val exit = PrintStream(buffer, true, "UTF-8").use { out ->
            try {
                compile(parts[1], args, out)
            } catch (fatal: VirtualMachineError) {
                // The heap may be corrupt: die, and let kateval start a fresh service.
                System.err.println("kateval compile server: $fatal")
                exitProcess(71)
            } catch (crash: Throwable) {
                crash.printStackTrace(out)
                2 // what kotlinc reports for an internal error
            }
        }
        val body = buffer.bytes()
        protocol.write("DONE $exit ${rssKb()} ${body.size}\n".toByteArray(Charsets.UTF_8))
        protocol.write(body)
        protocol.flush()
    }
}
