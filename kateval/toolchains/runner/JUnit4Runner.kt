// kateval's JUnit 4 runner: what the JUnit console launcher does for a JUnit 4 project
// (through its vintage engine), without the JUnit Platform around it. The platform's start
// (engine discovery, class-path scanning, its reporting) costs about 0.5 s of every test
// JVM's life; JUnitCore alone starts in a fraction of that.
//
// Usage: JUnit4RunnerKt <classes folder or jar> <reports folder>
// Test classes are found the way Gradle finds them: every concrete class in the folder with
// a method annotated @org.junit.Test, or a class annotated @RunWith. One XML report per
// class, in the Ant JUnit format the console launcher writes (testcase name = method name,
// classname = class name; <failure> for an AssertionError, <error> for any other throwable,
// <skipped> for @Ignore and failed assumptions).
// Exit code: 0 when every test passed, 1 when one did not, 2 when there was no test.
package kateval.runner

import java.io.File
import java.lang.reflect.Modifier
import kotlin.system.exitProcess
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

private class Recorder : RunListener() {
    val cases = LinkedHashMap<Description, Case>()

    private fun case(d: Description) = cases.getOrPut(d) { Case(d) }

    override fun testStarted(d: Description) { case(d).startNs = System.nanoTime() }

    override fun testFinished(d: Description) {
        val c = case(d)
        c.seconds = (System.nanoTime() - c.startNs) / 1e9
    }

    override fun testFailure(f: Failure) {
        val c = case(f.description)
        c.outcome = if (f.exception is AssertionError) "failure" else "error"
        c.failure = f
    }

    override fun testAssumptionFailure(f: Failure) {
        val c = case(f.description)
        c.outcome = "skipped"
        c.failure = f
    }

    override fun testIgnored(d: Description) { case(d).outcome = "skipped" }
}

private fun isTestClass(cls: Class<*>): Boolean {
    if (cls.isInterface || cls.isAnnotation || cls.isEnum || Modifier.isAbstract(cls.modifiers)) return false
    if (!Modifier.isPublic(cls.modifiers) || cls.isAnonymousClass || cls.isLocalClass) return false
    if (cls.isAnnotationPresent(RunWith::class.java)) return true
    return try {
        cls.methods.any { it.isAnnotationPresent(org.junit.Test::class.java) }
    } catch (e: LinkageError) {
        false
    }
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

private fun testClasses(root: File, loader: ClassLoader): List<Class<*>> =
    classNames(root)
        .mapNotNull { name ->
            try {
                Class.forName(name, false, loader)
            } catch (e: LinkageError) {
                null
            } catch (e: ClassNotFoundException) {
                null
            }
        }
        .filter(::isTestClass)

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
        val message = xml((e.message ?: "").take(2000))
        body.append(">\n<${c.outcome} message=\"$message\" type=\"${xml(e.javaClass.name)}\">")
        body.append(xml(f.trace.take(20000))).append("</${c.outcome}>\n</testcase>\n")
    }
    body.append("</testsuite>\n")
    out.writeText(body.toString(), Charsets.UTF_8)
}

fun main(args: Array<String>) {
    if (args.size != 2) {
        System.err.println("usage: JUnit4RunnerKt <classes folder> <reports folder>")
        exitProcess(64)
    }
    val reports = File(args[1]).apply { mkdirs() }
    val classes = testClasses(File(args[0]), Thread.currentThread().contextClassLoader)
    var total = 0
    var failed = 0
    for (cls in classes) {
        val recorder = Recorder()
        val core = JUnitCore()
        core.addListener(recorder)
        val start = System.nanoTime()
        core.run(Request.aClass(cls))
        val cases = recorder.cases.values.toList()
        report(cls, cases, (System.nanoTime() - start) / 1e9, File(reports, "TEST-${cls.name}.xml"))
        total += cases.size
        failed += cases.count { it.outcome == "failure" || it.outcome == "error" }
    }
    println("kateval JUnit 4 runner: $total tests, $failed failed, in ${classes.size} classes")
    exitProcess(if (total == 0) 2 else if (failed > 0) 1 else 0)
}
