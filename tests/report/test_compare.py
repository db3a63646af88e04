"""Pure statistics (kateval.compare) and `kateval compare`."""

from __future__ import annotations

import math

import pytest
from rich.console import Console

from kateval.commands.compare import compare_command
from kateval.compare import (
    RunData,
    bootstrap_mean_ci,
    compare_runs,
    flips,
    headline_cis,
    mcnemar_exact,
    paired_difference,
    role_stats,
    run_roles,
    task_pass_rates,
    task_verdicts,
)
from kateval.errors import ConfigError
from kateval.history import load_run

from .kv_runs import MODELS, add_accounting, make_run


def r(task: str, status: str, sample: int = 0) -> dict:
    return {"task": task, "sample": sample, "status": status}


def test_mcnemar_exact_matches_the_binomial_tail():
    assert mcnemar_exact(0, 0) == 1.0
    assert mcnemar_exact(5, 0) == pytest.approx(2 / 32)
    assert mcnemar_exact(10, 0) == pytest.approx(2 / 1024)
    # n = 10, min = 3: 2 * (C(10,0)+C(10,1)+C(10,2)+C(10,3)) / 2^10
    assert mcnemar_exact(3, 7) == pytest.approx(2 * 176 / 1024)
    assert mcnemar_exact(7, 3) == mcnemar_exact(3, 7)
    assert mcnemar_exact(4, 4) == 1.0  # capped: the two tails overlap at the centre


def test_bootstrap_ci_is_seeded_and_brackets_the_mean():
    values = [0.0, 1.0, 1.0, 0.5, 1.0, 0.0, 1.0, 1.0]
    lo, hi = bootstrap_mean_ci(values)
    assert lo < sum(values) / len(values) < hi
    assert (lo, hi) == bootstrap_mean_ci(values)  # reproducible reports
    assert bootstrap_mean_ci([0.4] * 5) == (pytest.approx(0.4), pytest.approx(0.4))
    assert bootstrap_mean_ci([]) is None
    wide = bootstrap_mean_ci([0.0, 1.0] * 4)
    narrow = bootstrap_mean_ci([0.4, 0.6] * 4)
    assert wide[1] - wide[0] > narrow[1] - narrow[0]


def test_verdicts_ignore_samples_that_were_not_graded():
    results = [r("a", "passed"), r("a", "infra_error", 1), r("b", "tests_failed"),
               r("b", "passed", 1), r("c", "model_error"), r("d", "build_failed")]
    assert task_verdicts(results) == {"a": "pass", "b": "mixed", "c": "ungraded", "d": "fail"}
    assert task_pass_rates(results) == {"a": 1.0, "b": 0.5, "d": 0.0}


def test_flips_separate_clean_flips_from_partial_changes():
    a = [r("up", "tests_failed"), r("down", "passed"), r("half", "passed"), r("half", "passed", 1),
         r("same", "passed"), r("gone", "passed"), r("err", "passed")]
    b = [r("up", "passed"), r("down", "build_failed"), r("half", "passed"),
         r("half", "tests_failed", 1), r("same", "passed"), r("new", "passed"),
         r("err", "infra_error")]
    f = flips(a, b)
    assert f["pass_to_fail"] == ["down"]
    assert f["fail_to_pass"] == ["up"]
    assert f["changed"] == [{"task": "half", "a": 1.0, "b": 0.5}]
    assert f["only_a"] == ["gone"] and f["only_b"] == ["new"]


def test_paired_difference_pairs_tasks():
    a = {"x": 0.0, "y": 0.5, "z": 1.0, "only_a": 1.0}
    b = {"x": 1.0, "y": 1.0, "z": 1.0}
    d = paired_difference(a, b)
    assert d["tasks"] == 3
    assert d["diff"] == pytest.approx(0.5)
    assert d["ci_low"] <= 0.5 <= d["ci_high"]
    same = paired_difference({"x": 0.0, "y": 0.0}, {"x": 1.0, "y": 1.0})
    assert (same["ci_low"], same["ci_high"]) == (pytest.approx(1.0), pytest.approx(1.0))
    assert paired_difference({"x": 1.0}, {"y": 1.0}) is None


def test_headline_cis_cover_every_pass_at_k():
    summary = {"pass@1": 0.5, "pass@3": 0.75,
               "tasks": {"a": {"pass@1": 1.0, "pass@3": 1.0}, "b": {"pass@1": 0.0, "pass@3": 0.5}}}
    cis = headline_cis(summary)
    assert set(cis) == {"pass@1", "pass@3"}
    assert cis["pass@1"]["tasks"] == 2
    assert 0.0 <= cis["pass@1"]["ci_low"] <= 0.5 <= cis["pass@1"]["ci_high"] <= 1.0


def test_role_stats_from_calls():
    meta = {"config": {"models": MODELS}}
    calls = [
        {"role": "builder", "endpoint": "mellum", "prompt_tokens": 1000, "completion_tokens": 100,
         "latency_s": 2.0, "ttft_s": 0.2, "tokens_per_s": 50.0, "retries": 1, "error": None},
        {"role": "builder", "endpoint": "mellum", "prompt_tokens": 1000, "completion_tokens": 300,
         "latency_s": 3.0, "ttft_s": 0.4, "tokens_per_s": None, "retries": 0, "error": None},
        {"role": "builder", "endpoint": "mellum", "prompt_tokens": 500, "completion_tokens": 0,
         "latency_s": 30.0, "retries": 2, "error": "HTTP 503"},
        {"role": "builder", "endpoint": "mellum", "prompt_tokens": 1000, "completion_tokens": 100,
         "latency_s": 0.001, "tokens_per_s": 1e5, "cached": True},
    ]
    s = role_stats(calls, meta)["builder"]
    assert s["calls"] == 4 and s["errors"] == 1 and s["retries"] == 3
    assert s["prompt_tokens"] == 3500 and s["completion_tokens"] == 500
    # the failed and the cached call are left out of latency and throughput
    assert (s["latency_p50_s"], s["latency_p95_s"]) == (2.0, 3.0)
    # decode speed: 299 tokens after the first over the 2.6 s after it
    assert (s["tokens_per_s_p50"], s["tokens_per_s_p95"]) == (50.0, pytest.approx(299 / 2.6))
    # mellum: $0.10 per 1M prompt, $0.40 per 1M completion; the cached call costs nothing
    assert s["cost_usd"] == pytest.approx((2500 * 0.10 + 400 * 0.40) / 1e6)
    assert role_stats(calls, {"config": {"models": None}})["builder"]["cost_usd"] is None


def test_run_roles_prefers_the_summary(tmp_path):
    run = load_run(add_accounting(make_run(tmp_path, "r", {"fn-billable-weight": ["passed"]})))
    assert run.calls  # calls.jsonl exists too, but the run's own accounting wins
    assert run_roles(run)["builder"]["tokens_per_s_p50"] == 77.0
    plain = RunData("p", run.meta, {k: v for k, v in run.summary.items() if k != "roles"},
                    run.results, run.calls)
    builder_calls = [c for c in run.calls if c["role"] == "builder"]
    assert run_roles(plain)["builder"]["calls"] == len(builder_calls)


def test_compare_runs_on_run_folders(tmp_path):
    a = load_run(make_run(tmp_path, "a", {"fn-add-business-days": ["passed"],
                                         "fn-billable-weight": ["passed"],
                                         "model-invoice-lines": ["tests_failed"]}))
    b = load_run(make_run(tmp_path, "b", {"fn-add-business-days": ["passed"],
                                         "fn-billable-weight": ["build_failed"],
                                         "model-invoice-lines": ["passed"]}, speed=3.0))
    c = compare_runs(a, b)
    assert c["flips"]["pass_to_fail"] == ["fn-billable-weight"]
    assert c["flips"]["fail_to_pass"] == ["model-invoice-lines"]
    assert c["mcnemar"] == {"a_only": 1, "b_only": 1, "pairs": 3, "p_value": 1.0}
    assert c["paired"]["diff"] == pytest.approx(0.0)
    tps = c["roles"]["builder"]["tokens_per_s_p50"]
    assert tps["b"] > tps["a"] and math.isclose(tps["diff"], tps["b"] - tps["a"])
    assert c["cost_usd"]["a"] is not None


def test_compare_command_prints_flips_and_rejects_unknown_runs(tmp_path):
    make_run(tmp_path, "base", {"fn-billable-weight": ["passed"],
                                "model-invoice-lines": ["passed"]})
    make_run(tmp_path, "cand", {"fn-billable-weight": ["tests_failed"],
                                "model-invoice-lines": ["passed"]})
    console = Console(record=True, width=200)
    compare_command(console, run_a="base", run_b="cand", runs_dir=tmp_path)
    text = console.export_text()
    assert "fn-billable-weight" in text and "fail" in text
    assert "McNemar exact test: 1 pass->fail, 0 fail->pass over 2 tasks" in text
    assert "latency" in text and "builder" in text
    with pytest.raises(ConfigError, match="run 'nope'"):
        compare_command(console, run_a="base", run_b="nope", runs_dir=tmp_path)
