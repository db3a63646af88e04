from __future__ import annotations

import itertools

import pytest

from kateval.scoring import pass_at_k, percentile, summarize


def brute_force_pass_at_k(n: int, c: int, k: int) -> float:
    """Fraction of k-subsets of n samples (c correct) that contain a correct one."""
    samples = [True] * c + [False] * (n - c)
    subsets = list(itertools.combinations(range(n), k))
    return sum(any(samples[i] for i in s) for s in subsets) / len(subsets)


@pytest.mark.parametrize("n,c,k", [(5, 0, 1), (5, 1, 1), (5, 2, 3), (10, 3, 5), (4, 4, 2), (6, 1, 6)])
def test_pass_at_k_matches_enumeration(n, c, k):
    assert pass_at_k(n, c, k) == pytest.approx(brute_force_pass_at_k(n, c, k))


def test_pass_at_k_needs_enough_samples():
    with pytest.raises(ValueError):
        pass_at_k(2, 1, 3)


def test_percentile_nearest_rank():
    assert percentile([], 50) is None
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile(list(range(1, 101)), 95) == 95


def test_summary_keeps_infra_errors_apart():
    results = [
        {"task": "a", "sample": 0, "status": "passed", "pass_attempt": 1, "duration_s": 2.0},
        {"task": "a", "sample": 1, "status": "infra_error", "duration_s": 1.0},
        {"task": "b", "sample": 0, "status": "tests_failed", "duration_s": 4.0},
        {"task": "b", "sample": 1, "status": "passed", "pass_attempt": 2, "duration_s": 3.0},
    ]
    s = summarize(results, [1], max_attempts=2)
    assert s["graded"] == 3 and s["passed"] == 2 and s["infra_errors"] == 1
    assert s["pass_rate"] == pytest.approx(2 / 3)
    assert s["pass_rate_1"] == pytest.approx(1 / 3) and s["pass_rate_2"] == pytest.approx(2 / 3)
    assert s["tasks"]["a"]["pass@1"] == 1.0  # the infra error is not a failure
    assert s["tasks"]["b"]["pass@1"] == 0.5
    assert s["wall_time_per_sample_s"]["mean"] == pytest.approx(2.5)


def test_headline_interval_is_honest_at_the_boundaries():
    from kateval.compare import headline_cis
    from kateval.scoring import task_interval, wilson_interval

    low, high = wilson_interval(24, 24)
    assert 0.85 < low < 0.87 and high == 1.0  # not "100.0%-100.0%"
    low, high = wilson_interval(0, 24)
    assert low < 1e-9 and 0.13 < high < 0.15
    results = [{"task": f"t{i}", "sample": 0, "status": "passed", "duration_s": 1.0}
               for i in range(24)]
    summary = summarize(results, [1], 1)
    ci = headline_cis(summary)["pass@1"]
    assert ci["method"] == "wilson" and 0.85 < ci["ci_low"] < 0.87 and ci["ci_high"] == 1.0
    assert summary["intervals"]["pass@1"]["low"] == ci["ci_low"]
    # several samples per task: clustered by task, still not a point at 100%
    many = task_interval([1.0] * 24, 72)
    assert many["method"] == "task-clustered wilson" and many["low"] < 0.9
    # and never narrower than treating tasks as the unit when tasks disagree
    spread = task_interval([1.0, 0.0] * 12, 72)
    assert spread["high"] - spread["low"] >= wilson_interval(12, 24)[1] - wilson_interval(12, 24)[0] - 1e-9


def test_context_exceeded_is_in_the_denominator_and_flip_to_passed_does_not_crash():
    results = [{"task": "a", "sample": 0, "status": "passed", "pass_attempt": None},
               {"task": "b", "sample": 0, "status": "context_exceeded"},
               {"task": "c", "sample": 0, "status": "infra_error"}]
    s = summarize(results, [1], 2)
    assert s["graded"] == 2 and s["pass_rate"] == 0.5 and s["context_exceeded"] == 1
    assert s["pass_rate_1"] == 0.5


def test_groups_count_a_task_in_its_category_and_each_of_its_tags():
    from kateval.scoring import groups

    results = [{"task": "a", "status": "passed"}, {"task": "a", "status": "tests_failed"},
               {"task": "b", "status": "passed", "category": "parsing"},
               {"task": "c", "status": "infra_error", "category": "bug-fix"},
               {"task": "d", "status": "timeout"}]
    info = {"a": {"category": "collections", "tags": ["ui-state", "lists", "ui-state"]},
            "b": {"category": None, "tags": ["lists"]}}
    g = groups(results, info)
    assert g["by_category"] == {
        "bug-fix": {"tasks": 1, "samples": 1, "graded": 0, "passed": 0, "pass_rate": None},
        "collections": {"tasks": 1, "samples": 2, "graded": 2, "passed": 1, "pass_rate": 0.5},
        "parsing": {"tasks": 1, "samples": 1, "graded": 1, "passed": 1, "pass_rate": 1.0},
        "unknown": {"tasks": 1, "samples": 1, "graded": 1, "passed": 0, "pass_rate": 0.0}}
    assert g["by_tag"]["lists"] == {"tasks": 2, "samples": 3, "graded": 3, "passed": 2,
                                    "pass_rate": 2 / 3}
    assert g["by_tag"]["ui-state"]["samples"] == 2  # a duplicated tag counts once
    assert summarize(results, [1], 1, info)["by_tag"] == g["by_tag"]


def test_by_target_counts_each_targets_own_outcome():
    from kateval.scoring import groups

    results = [
        {"task": "a", "status": "passed", "targets": {"jvm": "passed", "js": "passed"}},
        # JVM passed, JS failed: the sample fails, the JVM target does not
        {"task": "a", "status": "tests_failed", "targets": {"jvm": "passed", "js": "tests_failed"}},
        # stopped before any test: no target passed (targets from the task spec)
        {"task": "b", "status": "build_failed", "targets": {}},
        {"task": "b", "status": "infra_error", "targets": {}},  # not graded anywhere
    ]
    info = {"a": {"targets": ["jvm", "js"]}, "b": {"targets": ["jvm", "js"]}}
    by_target = groups(results, info)["by_target"]
    assert by_target["jvm"] == {"tasks": 2, "samples": 4, "graded": 3, "passed": 2,
                                "pass_rate": 2 / 3}
    assert by_target["js"] == {"tasks": 2, "samples": 4, "graded": 3, "passed": 1,
                               "pass_rate": 1 / 3}
