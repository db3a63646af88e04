"""kateval's JUnit 4 runner against the JUnit console launcher it replaces: the same tests,
names and outcomes, and an exit code grading can trust. Real kotlinc, JVMs and bwrap."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kateval.grading import read_junit_dir
from kateval.sandbox.local import LocalSandbox
from kateval.toolchains import Layout, Timeouts, kotlinc

pytestmark = pytest.mark.slow

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


def _build_and_test(root: Path, paths: kotlinc.ToolPaths, reports: str):
    layout = Layout(reports=reports)
    steps = kotlinc.build_steps(root, ["jvm"], paths, layout, Timeouts(300, 60), "junit4")
    sandbox = LocalSandbox(root, ro_paths=paths.mounts())
    results = [sandbox.exec(step.argv, timeout_s=step.timeout_s) for step in steps]
    assert results[0].returncode == 0, results[0].stderr
    test = results[-1]
    return steps[-1], test, read_junit_dir(root / layout.report_dir("jvm"))


def _workspace(tmp_path: Path, name: str, sources: dict[str, str]) -> Path:
    root = tmp_path / name
    for rel, text in sources.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_runner_reports_what_the_console_launcher_reports(toolchain, tmp_path):
    assert toolchain.cds_dir, "the runner is installed by `kateval toolchain install`"
    console_paths = dataclasses.replace(toolchain, cds_dir="")
    sources = {"src/jvmTest/kotlin/r/MixedTest.kt": MIXED}
    ours_step, ours, ours_tests = _build_and_test(_workspace(tmp_path, "a", sources), toolchain,
                                                  "build/reports-a")
    ref_step, ref, ref_tests = _build_and_test(_workspace(tmp_path, "b", sources),
                                               console_paths, "build/reports-b")
    assert kotlinc.RUNNER_MAIN in ours_step.argv and kotlinc.CONSOLE_MAIN in ref_step.argv

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


def test_runner_exit_codes(toolchain, tmp_path):
    _, passing, tests = _build_and_test(
        _workspace(tmp_path, "ok", {"src/jvmTest/kotlin/r/OnlyPassingTest.kt": PASSING}),
        toolchain, "build/r")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert [(t.name, t.outcome) for t in tests] == [("r.OnlyPassingTest.fine", "passed")]
    _, empty, tests = _build_and_test(
        _workspace(tmp_path, "none", {"src/jvmMain/kotlin/r/A.kt": "package r\nfun a() = 1\n"}),
        toolchain, "build/r")
    assert empty.returncode == 2 and tests == []  # no test at all is never a pass
