"""Pure scoring: pass@k with the unbiased estimator, rates and aggregates over sample results."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from statistics import median

from kateval import grading

# The model's outcomes, counted in the pass rate's denominator. `context_exceeded` (the task does
# not fit the model's context window) is one of them: leaving it out would raise the score of a
# model by the tasks it cannot even read.
MODEL_OUTCOMES: tuple[str, ...] = tuple(dict.fromkeys((*grading.MODEL_OUTCOMES,
                                                       "context_exceeded")))
NOT_MODEL: tuple[str, ...] = grading.NOT_MODEL


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased pass@k: 1 - C(n-c, k) / C(n, k), for n samples of which c passed."""
    if n < k:
        raise ValueError(f"pass@{k} needs at least {k} samples, got {n}")
    if n - c < k:
        return 1.0
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile; None for no data."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summarize(results: list[dict], ks: list[int], max_attempts: int) -> dict:
    """Aggregate per-sample results (one dict per sample, the latest record each)."""
    by_task: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        by_task[r["task"]].append(r)
    statuses = Counter(r["status"] for r in results)
    graded = [r for r in results if r["status"] in MODEL_OUTCOMES]
    per_task = {}
    pass_k: dict[str, list[float]] = {f"pass@{k}": [] for k in ks}
    for task, rows in sorted(by_task.items()):
        scored = [r for r in rows if r["status"] in MODEL_OUTCOMES]
        n, c = len(scored), sum(r["status"] == "passed" for r in scored)
        entry = {"samples": len(rows), "graded": n, "passed": c,
                 "statuses": dict(Counter(r["status"] for r in rows))}
        for k in ks:
            if n >= k:
                entry[f"pass@{k}"] = pass_at_k(n, c, k)
                pass_k[f"pass@{k}"].append(entry[f"pass@{k}"])
        per_task[task] = entry
    durations = [r["duration_s"] for r in results if "duration_s" in r]
    by_attempt = {}
    for a in range(1, max_attempts + 1):
        ok = sum(1 for r in graded if r["status"] == "passed" and (r.get("pass_attempt") or 1) <= a)
        by_attempt[f"pass_rate_{a}"] = ok / len(graded) if graded else None
    return {
        "samples": len(results),
        "graded": len(graded),
        "passed": statuses.get("passed", 0),
        "pass_rate": statuses.get("passed", 0) / len(graded) if graded else None,
        **{name: (sum(v) / len(v) if v else None) for name, v in pass_k.items()},
        **by_attempt,
        "statuses": dict(statuses),
        "infra_errors": statuses.get("infra_error", 0),
        "model_errors": statuses.get("model_error", 0),
        "context_exceeded": statuses.get("context_exceeded", 0),
        "wall_time_per_sample_s": {
            "mean": sum(durations) / len(durations) if durations else None,
            "p50": median(durations) if durations else None,
            "p95": percentile(durations, 95),
            "max": max(durations) if durations else None,
        },
        "tasks": per_task,
    }
