"""Exit codes that mean something (README, "Exit codes"): a run that graded nothing, too many
infra errors, a failed gate; GitHub annotations per regression; the headline leaves out what
was not measured."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from kateval.commands.gate import InfraLimit, after_run, parse_infra_limit, run_problem
from kateval.commands.run import print_headline
from kateval.errors import ConfigError, GateError, NothingGraded, TooManyInfraErrors
from kateval.gate import annotation, annotations, decide
from tests.commands.test_run_overrides import closed_models, one_line
from tests.conftest import FIXTURES, run_cli
from tests.report.kv_runs import make_run

TINY1 = FIXTURES / "suites" / "tiny1.yaml"


def test_a_run_against_a_closed_port_exits_5_in_one_line_and_keeps_everything(tmp_path):
    runs = tmp_path / "runs"
    proc = run_cli("run", "--suite", str(TINY1), "--models", str(closed_models(tmp_path)),
                   "--runs-dir", str(runs), "--run-id", "down", env={"COLUMNS": "100"})
    line = one_line(proc, 5)
    assert line.startswith("error: nothing graded: all 1 samples of run down ended")
    assert "127.0.0.1:9" in line and "Connection" in line
    assert f"--runs-dir {runs}" in line and "--models" in line and "--run-id down" in line
    assert "None" not in proc.stdout  # no "p50 Nones, None tok/s"
    assert "judge: 1 calls, 0+0 tokens, 0 retries, 1 errors" in proc.stdout
    root = runs / "down"
    for name in ("run.json", "results.jsonl", "summary.json", "report.html", "report.md"):
        assert (root / name).is_file(), name
    assert json.loads((root / "summary.json").read_text())["infra_errors"] == 1


def test_infra_limit_counts_and_shares():
    assert parse_infra_limit(None) is None
    three, tenth = parse_infra_limit("3"), parse_infra_limit("10%")
    assert (three.count, tenth.share) == (3, 0.1)
    assert not three.exceeded(3, 100) and three.exceeded(4, 100)
    assert not tenth.exceeded(1, 10) and tenth.exceeded(2, 10)
    assert parse_infra_limit("0").exceeded(1, 50) and not parse_infra_limit("0%").exceeded(0, 5)
    for bad in ("x", "-1", "150%", "1.5", "%"):
        with pytest.raises(ConfigError, match="--max-infra-errors"):
            parse_infra_limit(bad)


def summary(graded: int, infra: int) -> dict:
    return {"run_id": "r", "samples": graded + infra, "graded": graded, "infra_errors": infra,
            "infra_error_details": ["builder endpoint down"] if infra else []}


def test_run_problem_decides_exit_5_or_6():
    nothing = run_problem(summary(0, 4), None, "kateval run --run-id r")
    assert isinstance(nothing, NothingGraded) and nothing.exit_code == 5
    assert "builder endpoint down" in str(nothing) and "kateval run --run-id r" in str(nothing)
    many = run_problem(summary(8, 2), InfraLimit("10%", share=0.1), "")
    assert isinstance(many, TooManyInfraErrors) and many.exit_code == 6
    assert "2 of 10 samples" in str(many) and "--max-infra-errors 10%" in str(many)
    assert run_problem(summary(8, 2), InfraLimit("2", count=2), "") is None
    assert run_problem(summary(8, 2), None, "") is None


class Rerun:
    def __init__(self):
        self.asked = []

    def __call__(self, run, tasks):
        self.asked.append(tasks)
        return [{"task": t, "sample": 0, "status": "tests_failed"} for t in tasks]


GOOD = {"fn-billable-weight": ["passed"], "model-invoice-lines": ["passed"]}


def test_a_run_that_graded_nothing_is_exit_5_even_against_a_baseline(tmp_path):
    make_run(tmp_path, "mon", GOOD, started_at="2026-11-02T00:00:00+00:00")
    now = make_run(tmp_path, "tue", {t: ["infra_error"] for t in GOOD},
                   started_at="2026-11-03T00:00:00+00:00")
    rerun = Rerun()
    with pytest.raises(NothingGraded):
        after_run(Console(quiet=True), run_root=now, runs_dir=tmp_path, baseline="mon",
                  max_drop=0.05, rerun=rerun)
    assert rerun.asked == []  # nothing to learn from re-running against a dead endpoint
    assert (now / "report.html").is_file() and (now / "gate.json").is_file()


def test_too_many_infra_errors_wins_over_the_gate_and_the_gate_still_shows(tmp_path):
    make_run(tmp_path, "mon", GOOD, started_at="2026-11-02T00:00:00+00:00")
    now = make_run(tmp_path, "tue", {"fn-billable-weight": ["tests_failed"],
                                     "model-invoice-lines": ["infra_error"]},
                   started_at="2026-11-03T00:00:00+00:00")
    console = Console(record=True, width=200)
    with pytest.raises(TooManyInfraErrors):
        after_run(console, run_root=now, runs_dir=tmp_path, baseline="mon", max_drop=0.05,
                  rerun=Rerun(), max_infra_errors=InfraLimit("0", count=0))
    assert "gate failed vs baseline mon" in console.export_text()


def test_a_failed_gate_prints_one_github_annotation_per_regression(tmp_path, monkeypatch,
                                                                   capsys):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    make_run(tmp_path, "mon", GOOD, started_at="2026-11-02T00:00:00+00:00")
    now = make_run(tmp_path, "tue", {t: ["tests_failed"] for t in GOOD},
                   started_at="2026-11-03T00:00:00+00:00")
    with pytest.raises(GateError) as err:
        after_run(Console(quiet=True), run_root=now, runs_dir=tmp_path, baseline="mon",
                  max_drop=0.05, rerun=Rerun())
    assert err.value.exit_code == 1
    lines = [x for x in capsys.readouterr().out.splitlines() if x.startswith("::error ")]
    assert lines == [
        "::error title=kateval regression%3A fn-billable-weight::fn-billable-weight passed in "
        "baseline mon but failed on both runs (tests_failed then tests_failed)",
        "::error title=kateval regression%3A model-invoice-lines::model-invoice-lines passed in "
        "baseline mon but failed on both runs (tests_failed then tests_failed)",
        "::error title=kateval pass@1 drop::pass@1 1.000 -> 0.000 vs baseline mon "
        "(drop 1.000 > --max-drop 0.05)"]


def test_no_annotation_outside_github_actions(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    make_run(tmp_path, "mon", GOOD, started_at="2026-11-02T00:00:00+00:00")
    now = make_run(tmp_path, "tue", {t: ["tests_failed"] for t in GOOD},
                   started_at="2026-11-03T00:00:00+00:00")
    with pytest.raises(GateError):
        after_run(Console(quiet=True), run_root=now, runs_dir=tmp_path, baseline="mon",
                  max_drop=0.05, rerun=Rerun())
    assert "::error" not in capsys.readouterr().out


def test_annotations_escape_what_github_would_read_as_syntax():
    assert annotation("a: b, c", "50% done\nnext") == "::error title=a%3A b%2C c::50%25 done%0Anext"
    passed = decide("mon", [{"task": "a", "sample": 0, "status": "passed"}],
                    [{"task": "a", "sample": 0, "status": "passed"}], [], 0.05)
    assert annotations(passed) == []


def test_headline_leaves_out_what_was_not_measured():
    console = Console(record=True, width=300)
    role = {"calls": 2, "prompt_tokens": 0, "completion_tokens": 0, "latency_p50_s": None,
            "tokens_per_s_p50": None, "retries": 0, "errors": 2}
    print_headline(console, {"pass_rate": None, "passed": 0, "graded": 0, "infra_errors": 0,
                             "wall_time_per_sample_s": {"mean": None}, "run_id": "r",
                             "roles": {"builder": role}}, FIXTURES)
    text = console.export_text()
    assert "None" not in text and "builder: 2 calls, 0+0 tokens, 0 retries, 2 errors" in text
    assert "pass rate 0/0; infra errors 0; run folder" in text
