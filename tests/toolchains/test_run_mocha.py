"""kateval's mocha start (runner/run-mocha.js) against mocha's own CLI: the same tests,
outcomes and exit codes on the same module. Real node, mocha, mocha-junit-reporter and bwrap;
the modules are plain JS shaped like kotlin.test's output (describe/it per class/test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kateval.grading import read_junit_dir
from kateval.sandbox.local import LocalSandbox
from kateval.toolchains import Layout, Timeouts, kotlinc

MIXED = """
const assert = require("assert");
describe("r", () => {
  describe("MixedTest", () => {
    it("passes", () => assert.strictEqual(1 + 1, 2));
    it("failsAnAssertion", () => assert.strictEqual(1 + 1, 3, "one and one"));
    it("throws", () => { throw new Error("boom <&>"); });
    it.skip("ignored", () => {});
    it("passesToo", () => {});
  });
});
"""
PASSING = 'describe("r", () => describe("OkTest", () => it("fine", () => {})));\n'
BROKEN = 'throw new Error("the module does not load");\n'


def _run(root: Path, paths: kotlinc.ToolPaths, module: str, cli: bool):
    if cli:
        report = f"reports-cli-{Path(module).stem}"
        modules = f"{paths.js_runner}/node_modules"
        argv = ["node", f"{modules}/mocha/bin/mocha.js", "--no-config", "--no-package",
                "--reporter", f"{modules}/mocha-junit-reporter", "--reporter-options",
                f"mochaFile={report}/TEST-js.xml,{kotlinc.MOCHA_REPORTER_OPTIONS}", module]
    else:  # the toolchain's own test-js step, on the module where the link puts it
        layout = Layout(reports=f"reports-api-{Path(module).stem}")
        report = layout.report_dir("js")
        linked = root / kotlinc.JS_OUT / f"{kotlinc.JS_MODULE}.js"
        linked.parent.mkdir(parents=True, exist_ok=True)
        linked.write_text((root / module).read_text())
        step = kotlinc.test_steps(root, ["jvm", "js"], paths, "junit4", layout,
                                  Timeouts(60, 60))[-1]
        assert step.name == "test-js"
        assert step.argv[1] == f"{paths.js_runner}/{kotlinc.MOCHA_RUNNER}"
        argv = step.argv
    result = LocalSandbox(root, ro_paths=paths.mounts()).exec(argv, timeout_s=60)
    return result, read_junit_dir(root / report, "js")


@pytest.fixture
def workspace(tmp_path):
    for name, text in (("mixed.js", MIXED), ("passing.js", PASSING), ("broken.js", BROKEN)):
        (tmp_path / name).write_text(text)
    return tmp_path


def outcomes(tests) -> dict[str, str]:
    return {t.name: t.outcome for t in tests}


def test_same_outcomes_and_exit_codes_as_mochas_cli(toolchain, workspace):
    ours, ours_tests = _run(workspace, toolchain, "mixed.js", cli=False)
    ref, ref_tests = _run(workspace, toolchain, "mixed.js", cli=True)
    # mocha-junit-reporter leaves pending (skipped) tests out, with either start.
    assert outcomes(ours_tests) == outcomes(ref_tests) == {
        "r.MixedTest.passes": "passed", "r.MixedTest.failsAnAssertion": "failed",
        "r.MixedTest.throws": "failed", "r.MixedTest.passesToo": "passed"}
    assert "one and one" in {t.name: t.message for t in ours_tests}["r.MixedTest.failsAnAssertion"]
    assert ours.returncode == ref.returncode == 2  # mocha's exit code: the failures


def test_exit_zero_only_when_every_test_passed(toolchain, workspace):
    ours, tests = _run(workspace, toolchain, "passing.js", cli=False)
    assert ours.returncode == 0, ours.stdout + ours.stderr
    assert outcomes(tests) == {"r.OkTest.fine": "passed"}


def test_a_module_that_does_not_load_fails_like_the_cli(toolchain, workspace):
    ours, tests = _run(workspace, toolchain, "broken.js", cli=False)
    ref, _ = _run(workspace, toolchain, "broken.js", cli=True)
    assert ours.returncode != 0 and ref.returncode != 0
    assert "the module does not load" in ours.stderr
    assert not any(t.outcome == "passed" for t in tests)
