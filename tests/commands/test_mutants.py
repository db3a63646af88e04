"""`kateval validate --mutants`: what counts as killed, per target, and the whole command on two
small tasks whose hidden tests are weak and strong (real kotlinc, JUnit, Node, bwrap)."""

from __future__ import annotations

import json
import shutil

import pytest

from kateval.commands.mutants import MIN_TEST_S, TaskMutants, classify, mutant_timeouts
from kateval.grading import Grade
from kateval.mutants.plan import Mutant, Plan
from kateval.tasks import load_task
from kateval.toolchains import Timeouts
from tests.conftest import FIXTURES, run_cli

MUTANT = Mutant("m01", "compare", "src/commonMain/kotlin/A.kt", 3, 7, "`>` -> `>=`", "patch",
                "diff", ("jvm", "js"))
PLAN = Plan([], {})
JVM_ONLY = Mutant("m02", "drop", "src/jvmMain/kotlin/A.jvm.kt", 5, 9, "drop `f()`", "patch",
                  "diff", ("jvm",))


def target(status: str) -> dict:
    return {"status": status, "detail": "", "counts": {}}


def test_a_mutant_is_killed_per_target_by_any_grade_but_passed():
    split = classify(MUTANT, Grade("tests_failed", "js: 1 of 2 failed", [],
                                   {"jvm": target("passed"), "js": target("tests_failed")}))
    assert (split.outcome, split.targets) == ("killed", {"jvm": "survived", "js": "killed"})
    alive = classify(MUTANT, Grade("passed", "", [], {"jvm": target("passed"),
                                                      "js": target("passed")}))
    assert (alive.outcome, alive.targets) == ("survived", {"jvm": "survived", "js": "survived"})
    looped = classify(MUTANT, Grade("timeout", "test-jvm exceeded its timeout"))
    assert (looped.outcome, looped.targets) == ("killed", {"jvm": "killed", "js": "killed"})


def test_a_mutant_that_does_not_compile_or_was_not_graded_counts_nowhere():
    assert classify(MUTANT, Grade("build_failed", "compile-jvm exited 1")).outcome == \
        "stillborn"
    assert classify(MUTANT, Grade("infra_error", "sandbox")).outcome == "error"
    assert classify(MUTANT, Grade("patch_failed", "refused")).outcome == "error"


def test_the_share_is_of_compiling_mutants_and_checked_per_target():
    task = load_task(FIXTURES / "tasks" / "mutants-weak")
    grades = [Grade("tests_failed", "", [], {"jvm": target("tests_failed"),
                                             "js": target("passed")})] * 3 + \
        [Grade("tests_failed", "", [], {"jvm": target("tests_failed"),
                                        "js": target("tests_failed")})] * 7 + \
        [Grade("build_failed", "")] * 4
    result = TaskMutants(task, PLAN, [classify(MUTANT, g) for g in grades])
    assert result.kill() == {"jvm": {"killed": 10, "compiling": 10, "rate": 1.0},
                             "js": {"killed": 7, "compiling": 10, "rate": 0.7}}
    assert result.problem(0.8) == "js kills 7/10 compiling mutants, below 0.8"
    assert result.problem(0.7) is None
    # A jvmMain mutant counts for the JVM only: the JS build never compiled it.
    platform = TaskMutants(task, PLAN, result.outcomes + [classify(JVM_ONLY, Grade(
        "passed", "", [], {"jvm": target("passed"), "js": target("passed")}))])
    assert platform.kill()["jvm"] == {"killed": 10, "compiling": 11, "rate": 0.909}
    assert platform.kill()["js"] == result.kill()["js"]
    nothing = TaskMutants(task, PLAN, [classify(MUTANT, Grade("build_failed", ""))])
    assert nothing.kill()["jvm"]["rate"] is None and nothing.problem(0.8) is None
    broken = TaskMutants(task, PLAN, [classify(MUTANT, Grade("infra_error", "bwrap died"))])
    assert "1 mutant(s) not graded (infra_error: bwrap died)" == broken.problem(0.8)


def test_mutant_tests_get_a_few_times_what_the_gold_run_took(tmp_path):
    task = Timeouts(build_s=240, test_s=60)
    assert mutant_timeouts(task, tmp_path) == task  # no gold run to go by
    for run, seconds in (("gold-1", 2.0), ("gold-2", 3.5)):
        (tmp_path / run).mkdir()
        (tmp_path / run / "steps.json").write_text(json.dumps([
            {"name": "compile-jvm", "phase": "build", "duration_s": 40.0},
            {"name": "test-jvm", "phase": "test", "duration_s": seconds}]))
    assert mutant_timeouts(task, tmp_path) == Timeouts(240, MIN_TEST_S)
    (tmp_path / "gold-2" / "steps.json").write_text(json.dumps([
        {"name": "test-js", "phase": "test", "duration_s": 9.0}]))
    assert mutant_timeouts(task, tmp_path) == Timeouts(240, 45.0)
    (tmp_path / "gold-1" / "steps.json").write_text(json.dumps([
        {"name": "test-js", "phase": "test", "duration_s": 30.0}]))
    assert mutant_timeouts(task, tmp_path) == task  # never above the task's own limit


@pytest.mark.slow
def test_validate_mutants_lists_what_weak_tests_let_through(tmp_path, toolchain):
    """mutants-weak's common test only checks that some number is counted: on JS (common tests
    only) a `>=`, a count starting at 1 and a negated condition pass; its JVM-only test kills
    them there. mutants-strong, the same gold patch, kills all five."""
    suite = tmp_path / "suite.yaml"
    suite.write_text(f"name: mutants\ntasks: [mutants-weak, mutants-strong]\n"
                     f"tasks_dir: {FIXTURES / 'tasks'}\n")
    proc = run_cli("validate", "--suite", str(suite), "--gold-runs", "1", "--mutants",
                   "--runs-dir", str(tmp_path / "runs"), env={"COLUMNS": "200"})
    assert proc.returncode == 1, proc.stdout[-3000:] + proc.stderr
    assert "mutants-weak: js kills 2/5 compiling mutants, below 0.8" in proc.stderr
    assert "mutants-strong" not in proc.stderr
    report = json.loads(next((tmp_path / "runs").glob("validate-*/mutants.json")).read_text())
    weak, strong = report["tasks"]
    assert weak["kill"] == {"jvm": {"killed": 5, "compiling": 5, "rate": 1.0},
                            "js": {"killed": 2, "compiling": 5, "rate": 0.4}}
    survivors = [m for m in weak["mutants"] if m["targets"]["js"] == "survived"]
    assert [(m["operator"], m["targets"]["jvm"]) for m in survivors] == [
        ("compare", "killed"), ("off-by-one", "killed"), ("negate", "killed")]
    assert "-        if (x > limit) count++\n+        if (x >= limit) count++\n" in \
        survivors[0]["diff"]
    assert "mutants-weak m01 survives on js: compare" in proc.stdout
    assert "+        if (x >= limit) count++" in proc.stdout
    assert strong["problem"] is None and strong["stillborn"] == 0
    assert strong["kill"] == {"jvm": {"killed": 5, "compiling": 5, "rate": 1.0},
                              "js": {"killed": 5, "compiling": 5, "rate": 1.0}}
    assert all(m["outcome"] == "killed" for m in strong["mutants"])


def test_a_bad_mutants_file_stops_validate_in_one_line_before_anything_compiles(tmp_path):
    shutil.copytree(FIXTURES / "tasks" / "mutants-weak", tmp_path / "tasks" / "mutants-weak")
    (tmp_path / "tasks" / "mutants-weak" / "mutants.yaml").write_text(
        "equivalent:\n  - file: a.kt\n    line: 0\n    change: x\n    why: because it is so\n")
    suite = tmp_path / "suite.yaml"
    suite.write_text("name: bad\ntasks: [mutants-weak]\ntasks_dir: tasks\n")
    proc = run_cli("validate", "--suite", str(suite), "--mutants",
                   "--runs-dir", str(tmp_path / "runs"))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "mutants.yaml: field 'equivalent.0.line'" in lines[0]
    assert not list((tmp_path / "runs").glob("validate-*/mutants-weak"))
