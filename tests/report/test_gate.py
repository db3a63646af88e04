"""The regression gate: pure decisions, after_run with a stand-in re-run, and the real CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from rich.console import Console

from kateval import history
from kateval.commands.gate import after_run, preflight
from kateval.commands.report import write_reports
from kateval.errors import ConfigError, GateError
from kateval.gate import decide, rerun_candidates

from .kv_runs import REPO, TASKS_DIR, make_run


def res(task: str, *statuses: str) -> list[dict]:
    return [{"task": task, "sample": i, "status": s} for i, s in enumerate(statuses)]


BASE = res("a", "passed") + res("b", "passed") + res("c", "passed") + res("d", "tests_failed")


def test_a_drop_beyond_max_drop_fails_with_the_numbers():
    current = (res("a", "passed") + res("b", "passed") + res("c", "tests_failed")
               + res("d", "tests_failed"))
    out = decide("base-1", BASE, current, res("c", "tests_failed"), max_drop=0.05)
    assert not out.passed
    assert out.message() == (
        "gate failed vs baseline base-1: pass@1 dropped by 0.250 (0.750 -> 0.500 over 4 tasks), "
        "more than --max-drop 0.05; 1 task(s) passed in the baseline but failed on both runs: "
        "c (tests_failed then tests_failed)")


def test_a_drop_of_exactly_max_drop_passes():
    base = res("a", "passed", "passed", "passed", "passed") + res("b", "passed")
    now = res("a", "passed", "passed", "passed", "tests_failed") + res("b", "passed")
    out = decide("b1", base, now, [], max_drop=0.125)  # 1.0 -> 0.875: exactly 0.125
    assert out.passed and out.drop == pytest.approx(0.125)
    assert not decide("b1", base, now, [], max_drop=0.12).passed


def test_a_flip_that_passes_on_the_rerun_is_reported_not_gated():
    current = (res("a", "passed") + res("b", "build_failed") + res("c", "passed")
               + res("d", "tests_failed"))
    out = decide("base-1", BASE, current, res("b", "passed"), max_drop=0.5)
    assert out.passed
    assert out.flaky == {"b": ["build_failed", "passed"]} and not out.regressions
    assert "1 flaky flip(s) not gated: b" in out.message()


def test_a_flip_that_fails_again_is_a_regression_even_within_max_drop():
    current = (res("a", "passed") + res("b", "build_failed") + res("c", "passed")
               + res("d", "passed"))
    out = decide("base-1", BASE, current, res("b", "tests_failed"), max_drop=0.5)
    assert not out.passed
    assert out.reasons == ["1 task(s) passed in the baseline but failed on both runs: "
                           "b (build_failed then tests_failed)"]


def test_rerun_candidates_need_a_clean_pass_then_a_clean_fail():
    base = res("clean", "passed", "passed") + res("mixed", "passed", "tests_failed") + \
        res("half-now", "passed", "passed") + res("infra", "passed", "passed")
    now = (res("clean", "tests_failed", "build_failed")
           + res("mixed", "tests_failed", "tests_failed")
           + res("half-now", "passed", "tests_failed")
           + res("infra", "infra_error", "infra_error"))
    # a task with no graded sample now counts as not passed: it is re-run like a clean fail
    assert rerun_candidates(base, now) == ["clean", "infra"]


def test_a_task_with_no_graded_sample_counts_as_not_passed_and_is_said():
    current = (res("a", "passed") + res("b", "infra_error") + res("c", "passed")
               + res("d", "passed"))
    out = decide("base-1", BASE, current, res("b", "model_error"), max_drop=1.0)
    assert not out.passed and out.tasks_compared == 4
    assert "b (infra_error then model_error)" in out.message()
    assert any("1 task(s) with no graded sample counted as not passed: b" in n for n in out.notes)
    # errors alone must not lift the score: b weighs as a fail in pass@1
    assert out.pass1_current == pytest.approx(3 / 4)


def test_a_run_with_nothing_graded_cannot_pass():
    now = res("a", "model_error") + res("b", "infra_error")
    out = decide("base-1", BASE, now, [], max_drop=1.0)
    assert not out.passed and "no graded sample in this run (2 model/infra errors)" in out.message()


def test_only_common_tasks_count_and_the_rest_is_noted():
    now = res("a", "passed") + res("new", "tests_failed")
    out = decide("base-1", BASE, now, [], max_drop=0.0)
    assert out.passed and out.tasks_compared == 1
    assert "3 baseline task(s) not graded in this run" in out.notes
    assert "1 task(s) new since the baseline" in out.notes


# ---------------------------------------------------------------- after_run
class FakeRerun:
    """Stands in for the run machinery: remembers what it was asked to re-run."""

    def __init__(self, statuses: dict[str, str]):
        self.statuses, self.asked = statuses, []

    def __call__(self, run, tasks):
        self.asked.append(tasks)
        return [{"task": t, "sample": 0, "status": self.statuses[t]} for t in tasks]


GOOD = {"fn-billable-weight": ["passed"], "model-invoice-lines": ["passed"],
        "fn-add-business-days": ["passed"], "parse-maven-coordinates": ["tests_failed"]}


def test_latest_with_no_history_skips_the_gate_and_writes_reports(tmp_path):
    root = make_run(tmp_path, "first", GOOD)
    console = Console(record=True, width=200)
    outcome = after_run(console, run_root=root, runs_dir=tmp_path, baseline="latest",
                        max_drop=0.05)
    assert outcome is None
    assert "gate skipped (this run is the first)" in console.export_text()
    for name in ("report.html", "report.md", "junit.xml", "summary.json"):
        assert (root / name).is_file()
    conn = history.connect(tmp_path / history.DB_NAME)
    assert conn.execute("SELECT gate FROM runs WHERE run_id='first'").fetchone()[0] == "skipped"


def test_gate_failure_raises_with_the_reason_and_records_it(tmp_path):
    base = make_run(tmp_path, "mon", GOOD, started_at="2026-11-02T00:00:00+00:00")
    after_run(Console(quiet=True), run_root=base, runs_dir=tmp_path, baseline=None, max_drop=0.05)
    now = make_run(tmp_path, "tue", GOOD | {"fn-billable-weight": ["build_failed"],
                                            "model-invoice-lines": ["tests_failed"]},
                   started_at="2026-11-03T00:00:00+00:00")
    rerun = FakeRerun({"fn-billable-weight": "build_failed", "model-invoice-lines": "passed"})
    with pytest.raises(GateError) as err:
        after_run(Console(quiet=True), run_root=now, runs_dir=tmp_path, baseline="latest",
                  max_drop=0.05, rerun=rerun)
    assert rerun.asked == [["fn-billable-weight", "model-invoice-lines"]]
    assert str(err.value) == (
        "gate failed vs baseline mon: pass@1 dropped by 0.500 (0.750 -> 0.250 over 4 tasks), "
        "more than --max-drop 0.05; 1 task(s) passed in the baseline but failed on both runs: "
        "fn-billable-weight (build_failed then build_failed)")
    assert err.value.exit_code == 1
    md = (now / "report.md").read_text()
    assert "❌ gate failed vs baseline mon" in md
    assert "flaky flip (not gated): `model-invoice-lines` (tests_failed then passed)" in md
    assert "gate failed vs baseline mon" in (now / "report.html").read_text()
    # the verdict stays with the run: reports written again later still show it
    (now / "report.md").unlink()
    write_reports(history.load_run(now))
    assert "❌ gate failed vs baseline mon" in (now / "report.md").read_text()
    conn = history.connect(tmp_path / history.DB_NAME)
    # the failed run is never the last good baseline
    assert history.latest_run_id(conn, "demo", exclude="wed", good_only=True) == "mon"


def test_gate_passes_against_an_explicit_run_without_rerunning_when_nothing_flipped(tmp_path):
    make_run(tmp_path, "mon", GOOD)
    now = make_run(tmp_path, "tue", GOOD)
    rerun = FakeRerun({})
    out = after_run(Console(quiet=True), run_root=now, runs_dir=tmp_path, baseline="mon",
                    max_drop=0.05, rerun=rerun)
    assert out.passed and rerun.asked == []
    assert "✅ gate passed vs baseline mon" in (now / "report.md").read_text()


def test_baseline_mistakes_are_config_errors(tmp_path):
    now = make_run(tmp_path, "tue", GOOD)

    def gate(baseline: str, max_drop: float = 0.05):
        after_run(Console(quiet=True), run_root=now, runs_dir=tmp_path, baseline=baseline,
                  max_drop=max_drop)

    with pytest.raises(ConfigError, match="run 'nope'"):
        gate("nope")
    with pytest.raises(ConfigError, match="--baseline: 'tue' is the run being gated"):
        gate("tue")
    with pytest.raises(ConfigError, match="--max-drop: 5.0 is not a fraction"):
        gate("latest", max_drop=5.0)


def test_preflight_catches_bad_options_before_a_run(tmp_path):
    make_run(tmp_path, "mon", GOOD)
    preflight(tmp_path, "mon", 0.05)  # a run folder
    preflight(tmp_path, "latest", 0.0)  # resolved after the run: there may be no history yet
    preflight(tmp_path, None, 1.0)
    with pytest.raises(ConfigError, match="run 'typo'"):
        preflight(tmp_path, "typo", 0.05)
    with pytest.raises(ConfigError, match="--max-drop: -0.1"):
        preflight(tmp_path, None, -0.1)


# ---------------------------------------------------------------- the real command line
def _broken_task_suite(tmp_path):
    """A suite with one task whose gold patch no longer applies: offline, it fails fast
    (patch_failed) without compiling, so the gate and its re-run run for real in seconds."""
    tasks = tmp_path / "tasks"
    shutil.copytree(TASKS_DIR / "fn-billable-weight", tasks / "fn-billable-weight")
    (tasks / "fn-billable-weight" / "solution.patch").write_text(
        "diff --git a/src/commonMain/kotlin/Gone.kt b/src/commonMain/kotlin/Gone.kt\n"
        "--- a/src/commonMain/kotlin/Gone.kt\n+++ b/src/commonMain/kotlin/Gone.kt\n"
        "@@ -1 +1 @@\n-fun gone() = 1\n+fun gone() = 2\n")
    suite = tmp_path / "suite.yaml"
    suite.write_text("name: demo\ntasks: [fn-billable-weight]\ntasks_dir: tasks\nsamples: 1\n")
    return suite


@pytest.mark.skipif(shutil.which("kateval") is None, reason="kateval not installed")
def test_cli_gate_reruns_through_the_run_machinery_and_exits_1(tmp_path):
    from kateval.toolchains import installed

    try:
        installed.locate()
    except Exception as exc:  # the local sandbox needs the toolchain, even to fail a patch
        pytest.skip(f"toolchain missing: {exc}")
    runs = tmp_path / "runs"
    make_run(runs, "baseline", {"fn-billable-weight": ["passed"]}, mode="offline")
    suite = _broken_task_suite(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "kateval.cli", "run", "--suite", str(suite),
                           "--offline", "--run-id", "now", "--runs-dir", str(runs),
                           "--baseline", "latest", "--max-drop", "0.05"],
                          capture_output=True, text=True, cwd=REPO, timeout=600,
                          env={"COLUMNS": "400", "PATH": "/usr/bin:/bin", **_env()})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert ("gate failed vs baseline baseline: pass@1 dropped by 1.000 (1.000 -> 0.000 over 1 "
            "tasks), more than --max-drop 0.05; 1 task(s) passed in the baseline but failed on "
            "both runs: fn-billable-weight (patch_failed then patch_failed)") in \
        " ".join(proc.stderr.split())
    rerun = runs / "now-rerun"
    assert json.loads((rerun / history.RERUN_MARKER).read_text())["tasks"] == ["fn-billable-weight"]
    assert [json.loads(x)["status"] for x in (rerun / "results.jsonl").read_text().splitlines()] \
        == ["patch_failed"]
    assert (runs / "now" / "junit.xml").is_file()
    conn = history.connect(runs / history.DB_NAME)
    history.sync(conn, runs)
    kinds = dict(conn.execute("SELECT run_id, kind FROM runs").fetchall())
    assert kinds == {"baseline": "run", "now": "run", "now-rerun": "rerun"}


def _env() -> dict:
    import os

    keep = ("HOME", "KATEVAL_HOME", "KATEVAL_KOTLIN_HOME", "KATEVAL_JUNIT_CONSOLE", "JAVA_HOME",
            "PYTHONPATH", "VIRTUAL_ENV")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env["PATH"] = os.environ.get("PATH", "/usr/bin:/bin")
    return env


def test_baseline_must_be_same_suite_and_kind(tmp_path):
    make_run(tmp_path, "gold", GOOD, mode="offline", started_at="2026-11-20T04:00:00+00:00")
    make_run(tmp_path, "other", GOOD, suite="other-suite")
    make_run(tmp_path, "models-1", GOOD, started_at="2026-11-20T01:00:00+00:00")
    root = make_run(tmp_path, "now", GOOD, started_at="2026-11-21T03:00:00+00:00")
    console = Console(record=True, width=200)
    with pytest.raises(ConfigError, match="offline run and this one is a models run"):
        after_run(console, run_root=root, runs_dir=tmp_path, baseline="gold", max_drop=0.05)
    with pytest.raises(ConfigError, match="suite other-suite"):
        after_run(console, run_root=root, runs_dir=tmp_path, baseline="other", max_drop=0.05)
    # latest skips the newer offline gold run and picks the models run of the same suite
    outcome = after_run(console, run_root=root, runs_dir=tmp_path, baseline="latest",
                        max_drop=0.05, rerun=FakeRerun({}))
    assert outcome is not None and outcome.baseline == "models-1"
