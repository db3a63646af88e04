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
