"""Priming the warm compile server at install time (`kateval toolchain install`).

A fresh service pays twice before its samples compile fast: the JVM loads and verifies
thousands of compiler classes, and the JS link lowers the whole stdlib and kotlin-test into
its IR cache (the bulk of a first link's 10+ s). Both are the same for every sample, so
they are made once here, by compiling a small training module the way a sample is compiled
(TRAINING_ROUNDS times on JDK 25+, whose AOT cache also keeps the training's data):
  server.aot   JDK 25+: an AOT cache of the classes the server loaded, linked, and of the
               training's method profiles (dumped when it exits)
  server.jsa   older JDKs: an AppCDS archive of those classes
  js-ic/       the IR cache of the libraries; each service slot starts from a copy
The training module is our own trusted code, so this one run needs no sandbox.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from kateval.errors import ToolchainError
from kateval.toolchains import installed, kmp
from kateval.toolchains.installed import AOT_ARCHIVE, ARCHIVES
from kateval.toolchains.warm.ircache import CACHE, library_cache_only
from kateval.toolchains.warm.service import CompileService, ServiceLimits, archive_name

TRAINING_ROUNDS = 3
"""Compilations of the training module behind a JDK 25 archive; each costs about 10 s at
install. With the server C1-only (installed.SERVER_JIT), side by side on one core, warm
samples after 24 warm-ups: 1 round 3.49 s per sample against 3.23 s for 3; 8 rounds 3.06 s
against 2.64 s for 3 in another pair (run-to-run noise is larger than that difference)."""

TRAINING = {
    "src/commonMain/kotlin/train/Shapes.kt": """package train

expect fun platformName(): String

sealed interface Shape { val area: Double }
data class Rect(val w: Double, val h: Double) : Shape { override val area get() = w * h }
data class Circle(val r: Double) : Shape { override val area get() = 3.0 * r * r }
enum class Level(val weight: Int) { LOW(1), HIGH(10) }

object Registry {
    private val items = mutableMapOf<String, Int>()
    fun put(key: String, value: Int) { items[key] = (items[key] ?: 0) + value }
    fun total(): Int = items.values.sum()
}

class Ring<T>(private val capacity: Int) : Iterable<T> {
    private val buffer = ArrayDeque<T>()
    fun push(item: T) { if (buffer.size == capacity) buffer.removeFirst(); buffer.addLast(item) }
    override fun iterator(): Iterator<T> = buffer.iterator()
}

fun describe(shape: Shape): String = when (shape) {
    is Rect -> "rect ${shape.w}x${shape.h} on ${platformName()}"
    is Circle -> "circle ${shape.r}"
}

fun <T : Comparable<T>> topN(xs: List<T>, n: Int): List<T> = xs.sortedDescending().take(n)

fun parsePairs(line: String): Map<String, String> =
    line.split(';').filter { it.isNotBlank() }.associate {
        val (key, value) = it.split('=', limit = 2)
        key.trim() to value.trim()
    }

fun evens(limit: Int): Sequence<Int> = sequence { for (i in 0..limit step 2) yield(i) }

fun checked(x: Long): Result<Long> = runCatching { require(x >= 0) { "negative: $x" }; x * 2 }

val Long.kib: Long get() = this / 1024

fun report(levels: List<Level>): String = buildString {
    levels.groupingBy { it }.eachCount().forEach { (level, n) -> append("${level.name}=$n;") }
}
""",
    "src/jvmMain/kotlin/train/Platform.kt": 'package train\n\nactual fun platformName(): String = "jvm"\n',
    "src/jsMain/kotlin/train/Platform.kt": 'package train\n\nactual fun platformName(): String = "js"\n',
    "src/commonTest/kotlin/train/ShapesTest.kt": """package train

import kotlin.test.*

class ShapesTest {
    private lateinit var ring: Ring<Int>

    @BeforeTest
    fun setUp() { ring = Ring(2) }

    @Test
    fun areas() = assertEquals(6.0, Rect(2.0, 3.0).area)

    @Test
    fun ringKeepsTheLast() {
        listOf(1, 2, 3).forEach(ring::push)
        assertContentEquals(listOf(2, 3), ring.toList())
    }

    @Test
    fun parsing() {
        assertEquals(mapOf("a" to "1", "b" to "2"), parsePairs("a=1; b = 2;"))
        assertFailsWith<IndexOutOfBoundsException> { parsePairs("x") }
        assertTrue(checked(-1).isFailure)
        assertEquals(listOf(0, 2, 4), evens(4).toList())
        assertEquals("LOW=2;HIGH=1;", report(listOf(Level.LOW, Level.HIGH, Level.LOW)))
        assertNotNull(topN(listOf(3, 1, 2), 2).firstOrNull())
    }
}
""",
}


def write_training(root: Path) -> None:
    """The training project's sources under `root`."""
    for rel, text in TRAINING.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def prime(paths: installed.ToolPaths, target: Path) -> None:
    """Write target's class archive and js-ic/; a ToolchainError if the training fails."""
    from kateval.toolchains.warm import request_args

    slot = Path(tempfile.mkdtemp(prefix="kateval-prime-"))
    for name in ARCHIVES:
        (target / name).unlink(missing_ok=True)
    archive = target / archive_name(paths)
    rounds = TRAINING_ROUNDS if archive.name == AOT_ARCHIVE else 1
    service = CompileService(paths, slot / "slot", ServiceLimits(isolate=False),
                             dump_archive=archive)
    try:
        root = service.slot
        write_training(root)
        requests = [(compile.target, request_args(paths, compile))
                    for compile in kmp.compiler_args(root, ["jvm", "js"], paths, "junit4")]
        for _ in range(rounds):
            # The module's own cache entries go, so every round's link lowers it as a
            # sample's link would (the libraries' entries stay: they are what is kept).
            library_cache_only(root / CACHE)
            for kind, argv in requests:
                reply = service.compile(kind, argv, timeout_s=1200)
                if reply.exit_code != 0:
                    raise ToolchainError(
                        f"priming the warm server: the training compile failed "
                        f"(exit {reply.exit_code}): {reply.output.strip()[-300:]}")
        cache = slot / "js-ic"
        shutil.copytree(root / CACHE, cache, symlinks=True)
        library_cache_only(cache)
        code = service.finish()
        if code != 0 or not archive.is_file():
            raise ToolchainError(f"priming the warm server: the server exited {code} without "
                                 f"its class archive {archive.name}: {service.stderr_tail()}")
        shutil.rmtree(target / "js-ic", ignore_errors=True)
        cache.rename(target / "js-ic")
    finally:
        service.stop()
        shutil.rmtree(slot, ignore_errors=True)
