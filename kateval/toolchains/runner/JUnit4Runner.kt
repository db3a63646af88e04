// kateval's JUnit 4 runner: what the JUnit console launcher does for a JUnit 4 project
// (through its vintage engine), without the JUnit Platform around it. The platform's start
// (engine discovery, class-path scanning, its reporting) costs about 0.5 s of every test
// JVM's life; JUnitCore alone starts in a fraction of that. Runner.kt starts it.
//
// Test classes are found the way Gradle finds them: every concrete class in the tests'
// folder with a method annotated @org.junit.Test, or a class annotated @RunWith. One XML
// report per class, in the Ant JUnit format the console launcher writes (testcase name =
// method name, classname = class name; <failure> for an AssertionError, <error> for any
// other throwable, <skipped> for @Ignore and failed assumptions).
package kateval.runner

import java.io.File
import java.lang.reflect.Modifier
import org.junit.runner.Description
import org.junit.runner.JUnitCore
import org.junit.runner.Request
import org.junit.runner.RunWith
import org.junit.runner.notification.Failure
import org.junit.runner.notification.RunListener

private class Case(val description: Description) {
    var outcome = "passed"
    var failure: Failure? = null
    var startNs = System.nanoTime()
    var seconds = 0.0
}

/** The outcomes of one test class, from JUnit's own events. A case whose description names
 *  another class is not this class's: a runner that model code wrote could claim to run
 *  anyone's tests (the hidden tests' folder holds only theirs, once compiled apart). */
@RunListener.ThreadSafe
private class Recorder(private val owner: String) : RunListener() {
    private val cases = LinkedHashMap<Description, Case>()

    private fun ours(d: Description): Boolean {
        val name = d.className ?: return false
        return name == owner || name.startsWith("$owner$")
    }

    private fun case(d: Description, update: (Case) -> Unit) {
        if (ours(d)) synchronized(cases) { update(cases.getOrPut(d) { Case(d) }) }
    }

    fun cases(): List<Case> = synchronized(cases) { cases.values.toList() }

    override fun testStarted(d: Description) = case(d) { it.startNs = System.nanoTime() }

    override fun testFinished(d: Description) = case(d) { it.seconds = (System.nanoTime() - it.startNs) / 1e9 }

    override fun testFailure(f: Failure) = case(f.description) {
        it.outcome = if (f.exception is AssertionError) "failure" else "error"
        it.failure = f
    }

    override fun testAssumptionFailure(f: Failure) = case(f.description) {
        it.outcome = "skipped"
        it.failure = f
    }

    override fun testIgnored(d: Description) = case(d) { it.outcome = "skipped" }
}

private fun isTestClass(cls: Class<*>): Boolean {
    if (cls.isInterface || cls.isAnnotation || cls.isEnum || Modifier.isAbstract(cls.modifiers)) return false
    if (!Modifier.isPublic(cls.modifiers) || cls.isAnonymousClass || cls.isLocalClass) return false
    if (cls.isAnnotationPresent(RunWith::class.java)) return true
    return cls.methods.any { it.isAnnotationPresent(org.junit.Test::class.java) }
}

/** Class files in a folder or (for the CDS dump at install, which allows no folder on the
 *  class path) a jar. */
private fun classNames(root: File): List<String> {
    val paths = if (root.isFile) {
        java.util.jar.JarFile(root).use { jar -> jar.entries().toList().map { it.name } }
    } else {
        root.walkTopDown().filter { it.isFile }.map { it.relativeTo(root).invariantSeparatorsPath }.toList()
    }
    return paths.filter { it.endsWith(".class") && !it.endsWith("module-info.class") }
        .map { it.removeSuffix(".class").replace('/', '.') }
        .sorted()
}

/** A class that cannot be loaded or inspected is not run; a hidden test among them is then
 *  missing from the reports, which grading fails. */
private fun testClasses(root: File, loader: ClassLoader): List<Class<*>> =
    classNames(root).mapNotNull { name ->
        try {
            Class.forName(name, false, loader).takeIf(::isTestClass)
        } catch (e: LinkageError) {
            null
        } catch (e: ClassNotFoundException) {
            null
        } catch (e: SecurityException) {
            null
        }
    }

private fun xml(text: String): String = buildString {
    for (ch in text) {
        when {
            ch == '<' -> append("&lt;")
            ch == '>' -> append("&gt;")
            ch == '&' -> append("&amp;")
            ch == '"' -> append("&quot;")
            ch == '\n' || ch == '\t' || ch == '\r' -> append(ch)
            ch < ' ' || ch == '\uFFFE' || ch == '\uFFFF' -> append('?')
            else -> append(ch)
        }
    }
}

private fun report(cls: Class<*>, cases: List<Case>, seconds: Double, out: File) {
    val count = { kind: String -> cases.count { it.outcome == kind } }
    val body = StringBuilder()
    body.append("""<?xml version="1.0" encoding="UTF-8"?>""").append('\n')
    body.append("""<testsuite name="${xml(cls.name)}" tests="${cases.size}" skipped="${count("skipped")}" """)
    body.append("""failures="${count("failure")}" errors="${count("error")}" time="$seconds">""").append('\n')
    for (c in cases) {
        val d = c.description
        val name = d.methodName ?: d.displayName
        val className = d.className ?: cls.name
        body.append("""<testcase name="${xml(name)}" classname="${xml(className)}" time="${c.seconds}"""")
        val f = c.failure
        if (c.outcome == "passed" || (c.outcome == "skipped" && f == null)) {
            body.append(if (c.outcome == "skipped") "><skipped/></testcase>\n" else "/>\n")
            continue
        }
        val e = f!!.exception
        // The throwable may be model code's: its message and trace are its methods.
        val message = xml(printed { e.message ?: "" }.take(2000))
        body.append(">\n<${c.outcome} message=\"$message\" type=\"${xml(e.javaClass.name)}\">")
        body.append(xml(printed { f.trace }.take(20000))).append("</${c.outcome}>\n</testcase>\n")
    }
    body.append("</testsuite>\n")
    out.writeText(body.toString(), Charsets.UTF_8)
}

private fun printed(text: () -> String): String = try {
    text()
} catch (e: Exception) {
    "(unprintable: ${e.javaClass.name})"
}

/** Runs every test class in `testDir` with JUnitCore and writes its report; the counts of
 *  every case reported. */
internal fun runJUnit4(testDir: File, loader: ClassLoader, reports: File): Counts {
    val all = ArrayList<Case>()
    for (cls in testClasses(testDir, loader)) {
        val recorder = Recorder(cls.name)
        val core = JUnitCore()
        core.addListener(recorder)
        val start = System.nanoTime()
        core.run(Request.aClass(cls))
        val cases = recorder.cases()
        report(cls, cases, (System.nanoTime() - start) / 1e9, File(reports, "TEST-${cls.name}.xml"))
        all += cases
    }
    val count = { kinds: Set<String> -> all.count { it.outcome in kinds } }
    return Counts(all.size, count(setOf("passed")), count(setOf("failure", "error")), count(setOf("skipped")))
}
