"""kateval's JS test runner (runner/js/run-tests.js) on real Kotlin/JS modules: compiled by the
real compiler with the toolchain's own build steps, run by the toolchain's own test-js step in
bwrap. Model code is the `jsMain` of each fixture (tests/toolchains/fixtures/js-runner/), with
`js(...)` and `external` declarations to reach whatever Node would give it."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from kateval.grading import COUNTS_FILE, check_counts, read_junit_dir
from kateval.sandbox import ExecResult
from kateval.sandbox.local import LocalSandbox
from kateval.tasks import load_task
from kateval.toolchains import Layout, Step, Timeouts, exec_step, kotlinc
from kateval.toolchains import installed
from tests.conftest import REPO_ROOT
from tests.toolchains.conftest import compile_warm

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parent / "fixtures" / "js-runner"
TIMEOUTS = Timeouts(build_s=300, test_s=60)


@dataclass(frozen=True)
class Run:
    result: ExecResult
    reports: Path

    @property
    def outcomes(self) -> dict[str, str]:
        return {t.name: t.outcome for t in read_junit_dir(self.reports, "js")}

    @property
    def messages(self) -> dict[str, str]:
        return {t.name: t.message for t in read_junit_dir(self.reports, "js")}

    @property
    def counts(self) -> dict:
        return json.loads((self.reports / COUNTS_FILE).read_text())

    def consistent(self) -> bool:
        """The runner's counts agree with its report, as grading checks them."""
        return check_counts(read_junit_dir(self.reports, "js"), self.reports, True) is None


def _steps(root: Path, paths: installed.ToolPaths, reports: Path) -> list[Step]:
    layout = Layout(reports=str(reports))
    return [s for s in kotlinc.build_steps(root, ["js"], paths, layout, TIMEOUTS)
            if s.target == "js"]


@pytest.fixture(scope="session")
def modules(toolchain, tmp_path_factory):
    """Each fixture project copied and compiled once (by a warm service): name -> workspace
    root."""
    built: dict[str, Path] = {}

    def get(name: str, source: Path | None = None) -> Path:
        if name not in built:
            root = tmp_path_factory.mktemp(f"js-{name}")
            shutil.copytree(source or FIXTURES / name, root, dirs_exist_ok=True)
            compile_warm(root, "js", toolchain)
            built[name] = root
        return built[name]

    return get


def run_tests(root: Path, paths: installed.ToolPaths, *, test_timeout_ms: int | None = None,
              step_timeout_s: float = 60) -> Run:
    """The toolchain's test-js step, as a sample's would run, reporting outside the workspace."""
    reports = Path(tempfile.mkdtemp(prefix="kateval-js-reports-"))
    [step] = [s for s in _steps(root, paths, reports) if s.name == "test-js"]
    assert step.read_only and step.counts and step.outputs == f"{reports}/js"
    extra = [str(test_timeout_ms)] if test_timeout_ms else []
    step = dataclasses.replace(step, argv=[*step.argv, *extra], timeout_s=step_timeout_s)
    result = exec_step(step, LocalSandbox(root, ro_paths=paths.mounts()))
    return Run(result, reports / "js")


def test_gold_module_passes_with_the_jvms_test_names(toolchain, modules):
    task = load_task(REPO_ROOT / "tasks" / "fn-billable-weight")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "w"
        shutil.copytree(task.repo, source)
        subprocess.run(["git", "apply", str(task.root / "solution.patch")], cwd=source, check=True)
        shutil.copytree(task.root / "hidden", source, dirs_exist_ok=True)
        root = modules("fn-billable-weight", source)
    run = run_tests(root, toolchain)
    assert run.result.returncode == 0, run.result.stdout + run.result.stderr
    assert run.outcomes == {name: "passed" for name in task.expected["js"]}
    assert set(task.expected["js"]) == set(task.expected["jvm"])
    assert run.counts == {"tests": 10, "passed": 10, "failed": 0, "skipped": 0}
    assert run.consistent()


def test_a_suite_reports_each_outcome_in_junit_shape(toolchain, modules):
    run = run_tests(modules("suite"), toolchain, test_timeout_ms=1000)
    assert run.result.returncode == 1  # some failed
    assert run.outcomes == {
        "demo.LibTest.adds": "passed", "demo.LibTest.failsAnAssertion": "failed",
        "demo.LibTest.throws": "failed", "demo.LibTest.ignored": "skipped",
        "demo.LibTest.keepsLiteralsSesWouldRefuse": "passed",
        "demo.IgnoredTest.notRun": "skipped",
        "demo.AsyncTest.resolves": "passed", "demo.AsyncTest.rejects": "failed",
        "demo.AsyncTest.neverSettles": "failed", "demo.AsyncTest.assertsAfterADelay": "passed",
        "demo.PlatformTest.printsToTheStepsOutput": "passed",
        "demo.PlatformTest.hashesWithNodesCrypto": "passed",
        "demo.PlatformTest.hasRandomnessAndClocks": "passed",
        "demo.PlatformTest.doublesAndLongsWork": "passed",
        "demo.PlatformTest.hasJsJodaWithTheTimeZoneDatabase": "passed",
        "demo.PlatformTest.findsTheRealmsRequireThroughEval": "passed",
        "demo.PlatformTest.aDynamicImportRejects": "passed"}
    messages = run.messages
    assert messages["demo.LibTest.failsAnAssertion"] == "one and two. Expected <4>, actual <3>."
    assert messages["demo.LibTest.throws"].startswith("boom <&>")
    assert messages["demo.AsyncTest.rejects"] == "late failure"
    assert messages["demo.AsyncTest.neverSettles"] == "timed out after 1000 ms"
    assert run.counts == {"tests": 17, "passed": 11, "failed": 4, "skipped": 2}
    assert run.consistent()
    assert "hello from the module" in run.result.stdout
    xml = (run.reports / "TEST-js.xml").read_text()
    assert '<testcase name="adds" time="' in xml and 'classname="demo.LibTest"/>' in xml


def test_attacks_from_model_code_change_nothing(toolchain, modules):
    run = run_tests(modules("attacks"), toolchain)
    outcomes, messages = run.outcomes, run.messages
    assert run.result.returncode == 1
    assert outcomes["demo.SecretTest.secretFails"] == "failed"
    for name in ("nothingEscapesTheRealm", "nothingCanBeChanged", "nothingWasChangedAtLoad",
                 "testCodeCannotBeRead", "passesAfterTheAttacks"):
        assert outcomes[f"demo.AttackTest.{name}"] == "passed", messages[f"demo.AttackTest.{name}"]
    # A stray error fails the test that left it; a registration while tests run fails the run.
    assert outcomes["demo.AttackTest.leavesAThrowingTimer"] == "failed"
    assert "thrown from a timer" in messages["demo.AttackTest.leavesAThrowingTimer"]
    assert outcomes["kateval.runner.lateRegistration"] == "failed"
    assert "demo.AttackTest.registeredWhileRunning" not in outcomes
    assert run.consistent()


def test_a_forged_test_under_a_hidden_name_fails_that_name(toolchain, modules):
    run = run_tests(modules("forgery"), toolchain)
    assert run.result.returncode == 1
    assert run.outcomes == {"demo.SecretTest.secretFails": "failed",
                            "demo.SecretTest.alsoSecret": "failed",
                            "demo.SecretTest.honest": "passed"}
    assert "registered more than once" in run.messages["demo.SecretTest.secretFails"]
    assert run.consistent()


def test_a_module_that_throws_while_loading_fails_the_run(toolchain, modules):
    run = run_tests(modules("broken"), toolchain)
    assert run.result.returncode == 1
    assert run.outcomes == {"kateval.runner.moduleLoad": "failed"}
    assert "model code threw while the module loaded" in run.messages["kateval.runner.moduleLoad"]
    assert run.consistent()


def test_an_endless_test_is_ended_by_the_step_timeout(toolchain, modules):
    run = run_tests(modules("loop"), toolchain, step_timeout_s=8)
    assert run.result.timed_out
    assert not (run.reports / COUNTS_FILE).exists()


def test_a_run_where_no_test_ran_exits_2(toolchain, modules):
    run = run_tests(modules("ignored"), toolchain)
    assert run.result.returncode == 2, run.result.stdout + run.result.stderr
    assert run.outcomes == {"demo.IgnoredTest.notRun": "skipped"}
    assert run.consistent()


def test_a_module_not_laid_out_as_kotlin_links_it_does_not_run(toolchain, modules):
    root = modules("ignored")
    (root / "plain.js").write_text("describe('demo', () => describe('T', () => it('x', () => {})));\n")
    reports = Path(tempfile.mkdtemp(prefix="kateval-js-reports-"))
    [step] = [s for s in _steps(root, toolchain, reports) if s.name == "test-js"]
    argv = [*step.argv[:2], "plain.js", *step.argv[3:]]
    sandbox = LocalSandbox(root, ro_paths=toolchain.mounts())
    run = Run(exec_step(dataclasses.replace(step, argv=argv), sandbox), reports / "js")
    assert run.result.returncode == 1
    assert run.outcomes == {"kateval.runner.moduleLoad": "failed"}
