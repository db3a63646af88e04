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


Z95 = 1.959963984540054


def wilson_interval(successes: float, n: float, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval for a proportion; honest at 0% and 100% (24/24 -> about 86-100%)."""
    if n <= 0:
        return None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def task_interval(per_task: list[float], samples: int | None = None,
                  z: float = Z95) -> dict | None:
    """95% interval of a mean over tasks (each value a task's pass rate or pass@k).

    One sample per task: Wilson over the tasks. Several: a task-clustered interval, Wilson with
    the effective sample size p(1-p)/var(mean) that the spread between tasks implies, kept
    between the number of tasks and the number of samples; where tasks do not vary (0% or 100%)
    it falls back to the number of tasks, so the interval never collapses to a point."""
    t = len(per_task)
    if t == 0:
        return None
    mean = sum(per_task) / t
    n_eff: float = t
    method = "wilson"
    if samples is not None and samples > t:
        method = "task-clustered wilson"
        var = sum((v - mean) ** 2 for v in per_task) / (t * (t - 1)) if t > 1 else 0.0
        if var > 0 and 0 < mean < 1:
            n_eff = min(float(samples), max(float(t), mean * (1 - mean) / var))
    low, high = wilson_interval(mean * n_eff, n_eff, z)  # type: ignore[misc]
    return {"value": mean, "low": low, "high": high, "tasks": t, "method": method,
            "level": 0.95}


NO_LIBRARY = "(standard library only)"


def library_names(dependencies: object) -> list[str]:
    """The libraries a task declares (`dependencies:` in task.yaml, Gradle notation
    'group:artifact:version', a list or a mapping of target -> list) as 'group:artifact'.
    Read defensively: specs without the field, or with a shape not known here, give none."""
    if hasattr(dependencies, "model_dump"):
        dependencies = dependencies.model_dump()
    lists = dependencies.values() if isinstance(dependencies, dict) else [dependencies]
    names = set()
    for deps in lists:
        for dep in deps if isinstance(deps, (list, tuple)) else []:
            if hasattr(dep, "model_dump"):
                dep = dep.model_dump()
            if isinstance(dep, dict):
                dep = dep.get("notation") or dep.get("coordinates") or (
                    f"{dep.get('group')}:{dep.get('artifact') or dep.get('name')}"
                    if dep.get("group") else None)
            parts = str(dep).split(":") if dep else []
            if len(parts) >= 2 and parts[0] and parts[1]:
                names.add(f"{parts[0].strip()}:{parts[1].strip()}")
    return sorted(names)


def task_info(tasks) -> dict[str, dict]:
    """Task id -> {"category", "tags", "targets", "libraries"} from loaded tasks, for
    summarize's groups."""
    return {t.id: {"category": t.spec.category, "tags": list(t.spec.tags),
                   "targets": list(t.spec.targets),
                   "libraries": library_names(getattr(t.spec, "dependencies", None))}
            for t in tasks}


def _group_entry(rows: list[dict]) -> dict:
    graded = [r for r in rows if r["status"] in MODEL_OUTCOMES]
    passed = sum(r["status"] == "passed" for r in graded)
    return {"tasks": len({r["task"] for r in rows}), "samples": len(rows), "graded": len(graded),
            "passed": passed, "pass_rate": passed / len(graded) if graded else None}


def groups(results: list[dict], info: dict[str, dict] | None = None) -> dict[str, dict]:
    """Pass rates per category, tag and target: {"by_category": {name: entry}, "by_tag": ...,
    "by_target": ..., and "by_library" when tasks declare dependencies} (a target's rate
    counts the samples whose tests on it all passed),
    each entry {tasks, samples, graded, passed, pass_rate}. Categories and tags come from
    `info` (the task specs; results records carry no tags), else from the record's own
    category; a task in several tags counts in each of them."""
    info = info or {}
    by_category: dict[str, list[dict]] = defaultdict(list)
    by_tag: dict[str, list[dict]] = defaultdict(list)
    by_target: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        known = info.get(r["task"], {})
        by_category[known.get("category") or r.get("category") or "unknown"].append(r)
        for tag in dict.fromkeys(known.get("tags") or []):
            by_tag[tag].append(r)
        # A sample that stopped before its tests (a patch or build failure) passed no target;
        # one that was not graded (infra, model error) is not graded on any target either.
        per_target = r.get("targets") or {t: r["status"] for t in known.get("targets") or []}
        for target, status in per_target.items():
            graded = r["status"] in MODEL_OUTCOMES
            by_target[target].append({"task": r["task"], "status": status if graded else r["status"]})
    out = {"by_category": {name: _group_entry(rows) for name, rows in sorted(by_category.items())},
           "by_tag": {name: _group_entry(rows) for name, rows in sorted(by_tag.items())},
           "by_target": {name: _group_entry(rows) for name, rows in sorted(by_target.items())}}
    by_library = library_groups(results, info)
    if by_library:
        out["by_library"] = by_library
    return out


def library_groups(results: list[dict], info: dict[str, dict]) -> dict[str, dict]:
    """Pass rates per declared library (a task counts in each of its libraries; tasks with
    none under NO_LIBRARY); empty when no task of the run declares any."""
    if not any(info.get(r["task"], {}).get("libraries") for r in results):
        return {}
    by_library: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        for library in info.get(r["task"], {}).get("libraries") or [NO_LIBRARY]:
            by_library[library].append(r)
    return {name: _group_entry(rows) for name, rows in sorted(by_library.items())}


def summarize(results: list[dict], ks: list[int], max_attempts: int,
              info: dict[str, dict] | None = None) -> dict:
    """Aggregate per-sample results (one dict per sample, the latest record each). `info`
    (see task_info) gives each task's category and tags for by_category and by_tag."""
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
        "intervals": {name: task_interval(v, len(graded)) for name, v in pass_k.items()},
        **groups(results, info),
        "tasks": per_task,
    }
