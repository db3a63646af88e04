"""Model code in the test JVM has no power over the grade (runner/Runner.kt, SampleLoader.kt,
kateval-test.policy). Hostile samples are compiled with the real compiler and run in the real
test JVM: every attack must fail, and the runner's reports and counts must stay honest."""

from __future__ import annotations

import subprocess

import pytest

from kateval.toolchains import kmp
from tests.toolchains.jvm_sample import run_sample

# Model code (main): each attack named by the hidden test; "denied" when the JVM refused it.
ATTACKS = """package probe

import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext

const val REPORTS = "@REPORTS@"

private fun onThread(block: () -> Any?) {
    var thrown: Throwable? = null
    val thread = Thread { try { block() } catch (e: Throwable) { thrown = e } }
    thread.start()
    thread.join()
    thrown?.let { throw it }
}

private fun forge(dir: String) {
    File(dir, "TEST-probe.Forged.xml").writeText("<testsuite><testcase name='x' classname='y'/></testsuite>")
    File(dir, "kateval-counts.json").writeText("{}")
}

private fun action(name: String, fromTest: Any?): Any? = when (name) {
    "exit" -> System.exit(0)
    "halt" -> Runtime.getRuntime().halt(0)
    "shutdownHook" -> Runtime.getRuntime().addShutdownHook(Thread { forge(REPORTS) })
    "setOut" -> System.setOut(java.io.PrintStream(java.io.ByteArrayOutputStream()))
    "setErr" -> System.setErr(java.io.PrintStream(java.io.ByteArrayOutputStream()))
    "setProperty" -> System.setProperty("kateval.runner", "/tmp")
    "readProperty" -> System.getProperty("sun.java.command")
    // The policy lets everyone read a few properties libraries read (Ktor's): never write them.
    "setLibraryProperty" -> System.setProperty("io.ktor.development", "true")
    "clearLibraryProperty" -> System.clearProperty("java.vm.name")
    "commandLine" -> File("/proc/self/cmdline").readBytes()
    "getenv" -> System.getenv("PATH")
    "setLocale" -> java.util.Locale.setDefault(java.util.Locale.FRANCE)
    "writeReports" -> forge(REPORTS)
    "writeWorkspace" -> File("build/kateval/jvm-main/planted.txt").writeText("x")
    "readTestClassFile" -> File("build/kateval/jvm-test/probe/AttackTest.class").readBytes()
    "readTestClassResource" -> Marker::class.java.getResourceAsStream("/probe/AttackTest.class")
        ?.readBytes()
    "readOwnClassResource" -> Marker::class.java.getResourceAsStream("/probe/Marker.class")
        ?.readBytes()
    "nameTestClass" -> Class.forName("probe.AttackTest")
    "testsLoader" -> fromTest!!.javaClass.classLoader
    "contextLoader" -> Thread.currentThread().contextClassLoader
    "systemLoader" -> ClassLoader.getSystemClassLoader()
    "newLoader" -> java.net.URLClassLoader(arrayOf())
    "setAccessible" -> String::class.java.getDeclaredField("value").also { it.isAccessible = true }
    "unsafe" -> Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe").also { it.isAccessible = true }
    "runnerClass" -> Class.forName("kateval.runner.RunnerKt")
    "junitClass" -> Class.forName("org.junit.Assume")
    "asserterByName" -> Class.forName("kotlin.test.AssertionsKt")
    "asserterByLookup" -> java.lang.invoke.MethodHandles.lookup().findClass("kotlin.test.AssertionsKt")
    "allThreads" -> Thread.getAllStackTraces()
    "uncaughtHandler" -> Thread.setDefaultUncaughtExceptionHandler { _, _ -> }
    "process" -> ProcessBuilder("true").start()
    "nativeLibrary" -> System.loadLibrary("zip")
    "socket" -> java.net.Socket("127.0.0.1", 9)
    "removeSecurityManager" -> System.setSecurityManager(null)
    "exitFromThread" -> onThread { System.exit(0) }
    "writeFromThread" -> onThread { forge(REPORTS) }
    "exitFromCoroutine" -> runBlocking { withContext(Dispatchers.Default) { System.exit(0) } }
    else -> error("no attack $name")
}

class Marker

/** "denied" when the JVM refused the attack, else what it got. */
fun attempt(name: String, fromTest: Any? = null): String = try {
    val got = action(name, fromTest)
    if (got == null) "denied" else "ALLOWED: $got"
} catch (e: SecurityException) {
    "denied"
} catch (e: ClassNotFoundException) {
    "denied"  // a class model code cannot even name
}
"""


def _attack_tests(names: list[str]) -> str:
    cases = "\n".join(f'    @Test fun {n}() = assertEquals("denied", attempt("{n}", {{ }}))'
                      for n in names)
    return f"package probe\n\nimport kotlin.test.*\n\nclass AttackTest {{\n{cases}\n}}\n"


NAMES = ["exit", "halt", "shutdownHook", "setOut", "setErr", "setProperty", "readProperty",
         "setLibraryProperty", "clearLibraryProperty",
         "commandLine", "getenv", "setLocale", "writeReports", "writeWorkspace",
         "readTestClassFile", "readTestClassResource", "readOwnClassResource", "nameTestClass",
         "testsLoader", "contextLoader", "systemLoader", "newLoader", "setAccessible", "unsafe",
         "runnerClass", "junitClass", "asserterByName", "asserterByLookup", "allThreads",
         "uncaughtHandler", "process", "nativeLibrary", "socket", "removeSecurityManager",
         "exitFromThread", "writeFromThread", "exitFromCoroutine"]


@pytest.mark.slow
@pytest.mark.parametrize("framework", ["junit4", "junit5"])
def test_every_attack_from_model_code_is_denied(toolchain, tmp_path, framework):
    reports = tmp_path / "reports" / "jvm"
    sources = {"src/jvmMain/kotlin/probe/Attacks.kt": ATTACKS.replace("@REPORTS@", str(reports)),
               "src/jvmTest/kotlin/probe/AttackTest.kt": _attack_tests(NAMES)}
    ran = run_sample(tmp_path, sources, toolchain, framework)
    suffix = "()" if framework == "junit5" else ""
    allowed = {name: t.message for name in NAMES
               for t in ran.tests if t.name == f"probe.AttackTest.{name}{suffix}"
               and t.outcome != "passed"}
    assert allowed == {}, ran.result.stdout + ran.result.stderr
    assert len(ran.tests) == len(NAMES)
    assert ran.result.returncode == 0
    assert ran.counts == ran.counted() == {"tests": len(NAMES), "passed": len(NAMES),
                                           "failed": 0, "skipped": 0}
    planted = sorted(p.name for p in reports.iterdir())
    assert "TEST-probe.Forged.xml" not in planted and "kateval-counts.json" in planted
    assert not (ran.root / "build/kateval/jvm-main/planted.txt").exists()


# Model code that solves nothing and attacks the grade instead: every hidden test must still
# be reported failed, in reports and counts the runner alone wrote.
FORGER = """package forge

import java.io.File
import java.lang.reflect.Proxy

const val REPORTS = "@REPORTS@"

private fun quietly(block: () -> Unit) = try { block() } catch (e: Throwable) {}

private fun forgeReports() {
    val dir = File(REPORTS)
    dir.listFiles()?.forEach { it.writeText(it.readText().replace("<failure", "<ok")) }
    File(dir, "kateval-counts.json").writeText(
        "{\\"tests\\": 4, \\"passed\\": 4, \\"failed\\": 0, \\"skipped\\": 0}")
}

/** kotlin-test's asserter is a public static setter in bytecode: one that never fails. */
private fun replaceAsserter() {
    val asserter = Class.forName("kotlin.test.Asserter")
    val yes = Proxy.newProxyInstance(asserter.classLoader, arrayOf(asserter)) { _, _, _ -> null }
    Class.forName("kotlin.test.AssertionsKt").getMethod("set_asserter", asserter).invoke(null, yes)
}

fun answer(): Int {
    quietly { Runtime.getRuntime().addShutdownHook(Thread { forgeReports(); Runtime.getRuntime().halt(0) }) }
    quietly { replaceAsserter() }
    val daemon = Thread {
        while (true) {
            quietly { forgeReports() }
            quietly { System.exit(0) }
            Thread.sleep(1)
        }
    }
    daemon.isDaemon = true
    quietly { daemon.start() }
    return 41
}

fun halting(): Int {
    quietly { Runtime.getRuntime().halt(0) }
    System.exit(0)
    return 41
}

fun printing(): Int {
    quietly { System.setOut(java.io.PrintStream(java.io.ByteArrayOutputStream())) }
    repeat(20_000) { println("kateval runner: 4 tests, 4 passed, 0 failed, 0 skipped") }
    return 41
}
"""
FORGER_TESTS = """package forge

import kotlin.test.*

class ForgeTest {
    @Test fun answers() = assertEquals(42, answer())
    @Test fun assertsAfterTheAttack() { answer(); assertEquals(42, 41) }
    @Test fun halts() = assertEquals(42, halting())
    @Test fun prints() = assertEquals(42, printing())
    @Test fun zzzStillRuns() = assertEquals(2, 1 + 1)
}
"""


@pytest.mark.slow
def test_model_code_cannot_forge_the_report(toolchain, tmp_path):
    reports = tmp_path / "reports" / "jvm"
    sources = {"src/jvmMain/kotlin/forge/Forger.kt": FORGER.replace("@REPORTS@", str(reports)),
               "src/jvmTest/kotlin/forge/ForgeTest.kt": FORGER_TESTS}
    ran = run_sample(tmp_path, sources, toolchain)
    assert ran.outcomes == {"forge.ForgeTest.answers": "failed",
                            "forge.ForgeTest.assertsAfterTheAttack": "failed",
                            "forge.ForgeTest.halts": "error",
                            "forge.ForgeTest.prints": "failed",
                            "forge.ForgeTest.zzzStillRuns": "passed"}
    assert ran.counts == ran.counted() == {"tests": 5, "passed": 1, "failed": 4, "skipped": 0}
    assert ran.result.returncode == 1
    assert sorted(p.name for p in reports.iterdir()) == ["TEST-forge.ForgeTest.xml",
                                                         "kateval-counts.json"]


ORDINARY = """package kateval.tasks.ord

import kotlinx.coroutines.*
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.*
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import java.time.*
import java.time.format.DateTimeFormatter
import java.util.Locale
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

fun coroutines(): Int = runBlocking {
    val a = async(Dispatchers.Default) { delay(5); 1 }
    val b = async(Dispatchers.IO) { 2 }
    val flow = flowOf(1, 2, 3).map { it * 2 }.flowOn(Dispatchers.Default).toList().sum()
    val channel = Channel<Int>()
    launch { repeat(3) { channel.send(it) }; channel.close() }
    var received = 0
    for (x in channel) received += x
    val mutex = Mutex()
    var n = 0
    coroutineScope { repeat(10) { launch(Dispatchers.Default) { mutex.withLock { n++ } } } }
    val late = withTimeoutOrNull(20) { delay(1000); 1 } ?: 0
    val pool = Executors.newFixedThreadPool(2).asCoroutineDispatcher()
    val pooled = withContext(pool) { 5 }
    pool.close()
    a.await() + b.await() + flow + received + n + late + pooled
}

fun threads(): Int {
    val counter = AtomicInteger()
    (1..4).map { i -> thread { counter.addAndGet(i) } }.forEach { it.join() }
    val executor = Executors.newSingleThreadExecutor()
    val seven = executor.submit<Int> { 7 }.get()
    executor.shutdown()
    return counter.get() + seven + java.util.concurrent.CompletableFuture.supplyAsync { 3 }.get()
}

fun text(): String {
    val date = LocalDate.of(2024, 2, 29).plusYears(1).format(DateTimeFormatter.ISO_DATE)
    val hour = ZonedDateTime.of(2024, 3, 31, 1, 30, 0, 0, ZoneId.of("Europe/Paris")).plusHours(1).hour
    val formatted = String.format(Locale.US, "%,.2f|%05d", 1234.5, 42)
    val groups = Regex("(\\\\d+)-(\\\\d+)").findAll("1-2 33-44").map { it.groupValues[2] }.joinToString()
    val digest = java.security.MessageDigest.getInstance("SHA-256").digest("a".toByteArray()).size
    val trace = runCatching { check(false) { "bad" } }.exceptionOrNull()!!.stackTraceToString()
    val now = LocalDate.now().year > 2000 && java.util.UUID.randomUUID().toString().length == 36
    return "$date $hour $formatted $groups $digest ${"bad" in trace && "text" in trace} $now"
}
"""
ORDINARY_TESTS = """package kateval.tasks.ord

import kotlin.test.*
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking

class OrdinaryTest {
    @Test fun coroutinesWork() = assertEquals(1 + 2 + 12 + 3 + 10 + 0 + 5, coroutines())
    @Test fun threadsWork() = assertEquals(10 + 7 + 3, threads())
    @Test fun textWorks() = assertEquals("2025-02-28 3 1,234.50|00042 2, 44 32 true true", text())
    @Test fun suspends() = runBlocking { delay(1); assertFailsWith<IllegalStateException> { error("x") }; Unit }
    @Test fun fails() = assertEquals(listOf(1, 2), listOf(2, 1), "kept")
}
"""


@pytest.mark.slow
@pytest.mark.parametrize("framework", ["junit4", "junit5"])
def test_ordinary_task_code_still_works(toolchain, tmp_path, framework):
    """Coroutines (Dispatchers.Default and IO, flows, channels, a mutex, timeouts, an
    executor's dispatcher), threads, java.time, formatting, regex, digests, stack traces and
    kotlin-test's asserts all work without permissions, in kateval's task packages (below
    `kateval`, beside the runner's closed one); a failing assert still fails."""
    sources = {"src/jvmMain/kotlin/kateval/tasks/ord/Ordinary.kt": ORDINARY,
               "src/jvmTest/kotlin/kateval/tasks/ord/OrdinaryTest.kt": ORDINARY_TESTS}
    ran = run_sample(tmp_path, sources, toolchain, framework)
    suffix = "()" if framework == "junit5" else ""
    case = "kateval.tasks.ord.OrdinaryTest.{}" + suffix
    expected = {case.format(name): "passed" for name in ("coroutinesWork", "threadsWork", "textWorks", "suspends")}
    expected[case.format("fails")] = "failed"
    assert ran.outcomes == expected, [t.message for t in ran.tests]
    assert "kept" in {t.name: t.message for t in ran.tests}[case.format("fails")]
    assert ran.counts == ran.counted() and ran.result.returncode == 1


def test_the_runner_refuses_to_run_without_a_security_manager(toolchain, tmp_path):
    argv = kmp.test_jvm_argv(toolchain, "junit4", str(tmp_path / "r"), str(tmp_path),
                                 str(tmp_path))
    unguarded = [a for a in argv if not a.startswith("-Djava.security.")]
    proc = subprocess.run(unguarded, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 70, proc.stdout + proc.stderr
    assert "Security Manager" in proc.stderr and not (tmp_path / "r").exists()
