// kateval's test runner: runs one sample's hidden tests, with JUnit 4 (JUnit4Runner.kt) or
// the JUnit Platform (JUnit5Runner.kt), in a JVM where the sample's code has no power over
// the grade.
//
// Usage: RunnerKt <junit4|junit5> <reports folder> <test classes> [<main classes>]
//
// The JVM runs under the Security Manager with kateval-test.policy, which grants every
// permission to the JDK, the test frameworks, the Kotlin libraries and this runner, and none
// to anything else. The sample's classes (and the hidden tests) are not on the class path:
// this runner loads them with its own loaders (SampleLoader), which give them no permission
// of their own. So model code cannot exit, halt, add shutdown hooks, touch files, read or set
// system properties, redirect System.out, reflect past access checks, make class loaders,
// or reach the network; threads it starts inherit its context. The test frameworks' packages
// and this runner's are also closed to it (`package.access`), so it cannot replace
// kotlin-test's asserter or call into JUnit; only the hidden tests' loader may use them.
//
// The runner writes one JUnit XML report per test class (JUnit 4) or engine (JUnit Platform)
// into the reports folder, then, last, kateval-counts.json: the tests it ran, passed, failed
// (errors included) and skipped, counted from the frameworks' own events, which model code
// cannot reach. No counts file means the run did not finish, and grading fails it.
// Exit code: 0 when every test passed, 1 when one did not, 2 when there was no test,
// 3 when the run itself broke, 64 for a bad command line, 70 without a Security Manager.
package kateval.runner

import java.io.File
import java.security.Security
import kotlin.system.exitProcess

internal class Counts(val tests: Int, val passed: Int, val failed: Int, val skipped: Int) {
    fun json() = """{"tests": $tests, "passed": $passed, "failed": $failed, "skipped": $skipped}"""
}

/** Packages model code may not link or reflect on: the test frameworks (kotlin-test's
 *  asserter has a public static setter in bytecode; JUnit's assumptions would skip a test)
 *  and this runner. The hidden tests' loader is granted the framework packages. */
private val CLOSED_PACKAGES = FRAMEWORK_PACKAGES.map { "$it." } + "kateval.runner."

private const val COUNTS_FILE = "kateval-counts.json"

/** What the runner does before any class of the sample is loaded, in its own context. */
private fun prepare() {
    val current = Security.getProperty("package.access")?.takeIf { it.isNotBlank() }
    Security.setProperty("package.access", listOfNotNull(current, *CLOSED_PACKAGES.toTypedArray()).joinToString(","))
    val system = ClassLoader.getSystemClassLoader()
    // kotlin-test picks its asserter with a ServiceLoader at first use; do that here, in
    // trusted code, so no caller's context (a test, model code) decides what it finds.
    Class.forName("kotlin.test.AsserterLookupKt", true, system)
    // The first class a JVM maps from a jar of its CDS archive makes it resolve that jar's
    // path (ClassLoaders.toFileURL) in the context of whoever asked for the class, without
    // doPrivileged: were that a test, the class would fail to load. The runner's own start
    // loads a class of every archived jar but kotlinx-coroutines, so it loads one here.
    try {
        Class.forName("kotlinx.coroutines.Job", false, system)
    } catch (e: ClassNotFoundException) {
        // no coroutines on this class path: nothing to resolve
    }
}

private fun runTests(framework: String, reports: File, loaders: SampleLoaders): Counts? =
    when (framework) {
        "junit4" -> runJUnit4(loaders.testDir, loaders.tests, reports)
        else -> runJUnit5(loaders.testDir, reports)
    }

fun main(args: Array<String>) {
    if (args.size !in 3..4 || args[0] !in setOf("junit4", "junit5")) {
        System.err.println("usage: RunnerKt <junit4|junit5> <reports folder> <test classes> [<main classes>]")
        exitProcess(64)
    }
    if (System.getSecurityManager() == null) {
        System.err.println("kateval runner: no Security Manager installed; model code is never run without one")
        exitProcess(70)
    }
    prepare()
    val reports = File(args[1]).apply { mkdirs() }
    val loaders = SampleLoaders.create(File(args[2]), args.getOrNull(3)?.let(::File))
    Thread.currentThread().contextClassLoader = loaders.tests
    val counts = try {
        runTests(args[0], reports, loaders)
    } catch (e: Throwable) {  // a framework that gave up (say, on an OutOfMemoryError)
        System.err.println("kateval runner: the test run broke: $e")
        null
    }
    if (counts == null) exitProcess(3)
    Thread.interrupted()  // model code may have interrupted this thread; the write must not fail for it
    File(reports, COUNTS_FILE).writeText(counts.json(), Charsets.UTF_8)
    println("kateval runner: ${counts.tests} tests, ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped")
    exitProcess(if (counts.tests == 0) 2 else if (counts.failed > 0) 1 else 0)
}
