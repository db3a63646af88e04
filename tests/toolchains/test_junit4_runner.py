"""kateval's test runner against the JUnit console launcher it replaces: the same tests, names
and outcomes (JUnit 4 through JUnitCore, JUnit 5 through the Launcher API), counts that agree
with its reports, and an exit code grading can trust. Real kotlinc, JVMs and bwrap."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kateval.grading import read_junit_dir
from kateval.toolchains import exec_step, kmp
from kateval.toolchains import installed
from tests.toolchains.jvm_sample import build, run_sample, write_tree

pytestmark = pytest.mark.slow

CONSOLE_MAIN = "org.junit.platform.console.ConsoleLauncher"
MIXED = """package r

import org.junit.Assume.assumeTrue
import org.junit.Ignore
import org.junit.Test
import kotlin.test.assertEquals

class MixedTest {
    @Test fun passes() = assertEquals(2, 1 + 1)
    @Test fun failsAnAssertion() = assertEquals(3, 1 + 1, "one and one")
    @Test fun throws() { error("boom <&> \\"quoted\\"") }
    @Test(expected = IllegalArgumentException::class) fun expectsIt() { require(false) }
    @Test(expected = IllegalArgumentException::class) fun expectsInVain() {}
    @Ignore @Test fun ignored() {}
    @Test fun assumes() = assumeTrue(false)
    @Test fun notImplemented() { TODO("later") }
}

class HelperWithoutTests { fun help() = 1 }

abstract class AbstractBase { @Test fun inherited() {} }

class ConcreteTest : AbstractBase()

class BrokenSetupTest {
    companion object {
        @JvmStatic @org.junit.BeforeClass fun setUp() { throw IllegalStateException("no db") }
    }
    @Test fun never() {}
}
"""
PASSING = """package r

class OnlyPassingTest { @org.junit.Test fun fine() = kotlin.test.assertTrue(true) }
"""


def _console(root: Path, paths: installed.ToolPaths, framework: str, reports: Path):
    """What test-jvm ran before kateval's runner: the console launcher, the sample's classes
    on the class path, no Security Manager."""
    sandbox, steps = build(root, paths, framework, reports / "ours")
    ours = exec_step(steps[0], sandbox)
    class_path = [paths.junit_console, paths.lib("kotlin-stdlib.jar"), paths.lib("kotlin-test.jar"),
                  paths.lib("kotlinx-coroutines-core-jvm.jar"),
                  paths.lib(installed.FRAMEWORK_JARS[framework]), kmp.JVM_TEST, kmp.JVM_MAIN]
    ref_dir = reports / "console"
    ref = sandbox.exec(["java", "-cp", ":".join(class_path), CONSOLE_MAIN, "--scan-classpath",
                        kmp.JVM_TEST, "--disable-banner", "--details=none",
                        "--reports-dir", str(ref_dir)],
                       timeout_s=120, read_only=True, outputs=str(ref_dir))
    return (ours, read_junit_dir(Path(steps[0].outputs)), Path(steps[0].outputs),
            ref, read_junit_dir(ref_dir))


def test_runner_reports_what_the_console_launcher_reports(toolchain, tmp_path):
    root = write_tree(tmp_path / "ws", {"src/jvmTest/kotlin/r/MixedTest.kt": MIXED})
    ours, ours_tests, _, ref, ref_tests = _console(root, toolchain, "junit4", tmp_path / "r")

    def by_name(tests):
        return {t.name: t.outcome for t in tests if not t.name.startswith("r.BrokenSetupTest")}

    assert by_name(ours_tests) == by_name(ref_tests) == {
        "r.MixedTest.passes": "passed", "r.MixedTest.failsAnAssertion": "failed",
        "r.MixedTest.throws": "error", "r.MixedTest.expectsIt": "passed",
        "r.MixedTest.expectsInVain": "failed", "r.MixedTest.ignored": "skipped",
        "r.MixedTest.assumes": "skipped", "r.MixedTest.notImplemented": "error",
        "r.ConcreteTest.inherited": "passed"}
    messages = {t.name: t.message for t in ours_tests}
    assert "one and one" in messages["r.MixedTest.failsAnAssertion"]
    assert messages["r.MixedTest.throws"] == 'boom <&> "quoted"'
    # A class whose setup fails is a failure either way, never a silent pass.
    assert any(t.name.startswith("r.BrokenSetupTest") and t.outcome in ("failed", "error")
               for t in ours_tests)
    assert ours.returncode != 0 and ref.returncode != 0


JUPITER = """package j

import kotlin.test.*
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Disabled
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.ValueSource

class JupiterTest {
    @Test fun passes() = assertEquals(2, 1 + 1)
    @Test fun failsAnAssertion() = assertEquals(3, 1 + 1, "one and one")
    @Test fun throws() { error("boom") }
    @Test @Disabled fun disabled() {}
    @Test fun aborts() = assumeTrue(false)
    @ParameterizedTest @ValueSource(ints = [1, 2]) fun positive(n: Int) = assertTrue(n > 0)
    @TestFactory fun dynamic() = listOf(dynamicTest("one") {}, dynamicTest("two") { fail("no") })
}

class BrokenSetupTest {
    companion object { @JvmStatic @BeforeAll fun setUp() { throw IllegalStateException("no db") } }
    @Test fun never() {}
}

class VintageTest { @org.junit.Test fun old() = assertEquals(1, 1) }

class NotMatchingTheNamePattern { @Test fun ignoredByName() {} }
"""


def test_junit5_runner_reports_what_the_console_launcher_reports(toolchain, tmp_path):
    root = write_tree(tmp_path / "ws", {"src/jvmTest/kotlin/j/JupiterTest.kt": JUPITER})
    ours, ours_tests, ours_dir, ref, ref_tests = _console(root, toolchain, "junit5",
                                                         tmp_path / "r")

    def by_name(tests):
        return sorted((t.name, t.outcome, t.message) for t in tests)

    assert by_name(ours_tests) == by_name(ref_tests)
    outcomes = {t.name: t.outcome for t in ours_tests}
    assert outcomes["j.JupiterTest.failsAnAssertion()"] == "failed"
    assert outcomes["j.BrokenSetupTest.never()"] == "error"
    assert outcomes["j.VintageTest.old"] == "passed"
    assert not any("ignoredByName" in name for name in outcomes)
    assert sorted(p.name for p in ours_dir.iterdir()) == [
        "TEST-junit-jupiter.xml", "TEST-junit-vintage.xml", "kateval-counts.json"]
    assert ours.returncode == ref.returncode == 1
    # The runner's own counts agree with the legacy XML on every kind of outcome above.
    kinds = [t.outcome for t in ours_tests]
    assert json.loads((ours_dir / "kateval-counts.json").read_text()) == {
        "tests": len(kinds), "passed": kinds.count("passed"),
        "failed": kinds.count("failed") + kinds.count("error"), "skipped": kinds.count("skipped")}


def test_runner_exit_codes_and_counts(toolchain, tmp_path):
    ran = run_sample(tmp_path / "ok", {"src/jvmTest/kotlin/r/OnlyPassingTest.kt": PASSING},
                     toolchain)
    assert ran.result.returncode == 0, ran.result.stdout + ran.result.stderr
    assert [(t.name, t.outcome) for t in ran.tests] == [("r.OnlyPassingTest.fine", "passed")]
    assert ran.counts == {"tests": 1, "passed": 1, "failed": 0, "skipped": 0}
    empty = run_sample(tmp_path / "none",
                       {"src/jvmMain/kotlin/r/A.kt": "package r\nfun a() = 1\n"}, toolchain)
    assert empty.result.returncode == 2 and empty.tests == []  # no test at all is never a pass
    assert empty.counts == {"tests": 0, "passed": 0, "failed": 0, "skipped": 0}
