"""Pure statistics over run data: per-task verdicts and flips, McNemar's exact test, bootstrap
confidence intervals, per-role model-call statistics, and the comparison of two runs.

Nothing here reads files: callers hand in a RunData (see kateval.history.load_run).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kateval.scoring import MODEL_OUTCOMES, groups
from kateval.scoring import percentile, task_interval

BOOTSTRAP_RESAMPLES = 2000
ROLE_KEYS = ("calls", "prompt_tokens", "completion_tokens", "latency_p50_s", "latency_p95_s",
             "tokens_per_s_p50", "tokens_per_s_p95", "ttft_p50_s", "retries", "errors",
             "cost_usd")


@dataclass(frozen=True)
class RunData:
    """Everything a report needs from one run: run.json, summary.json, the latest result per
    sample, and every model call (calls.jsonl lines tagged with task, sample and attempt)."""

    run_id: str
    meta: dict
    summary: dict
    results: list[dict]
    calls: list[dict] = field(default_factory=list)
    root: Path | None = None

    @property
    def suite(self) -> str:
        """The suite's name, from summary.json or run.json."""
        config = self.meta.get("config") or {}
        return self.summary.get("suite") or (config.get("suite") or {}).get("name", "?")


# ---------------------------------------------------------------- per-task verdicts and flips
def task_pass_rates(results: list[dict]) -> dict[str, float]:
    """Per task, the share of graded samples that passed (its unbiased pass@1).
    Tasks with no graded sample (only model or infra errors) are left out."""
    graded: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        if r["status"] in MODEL_OUTCOMES:
            graded[r["task"]].append(r["status"] == "passed")
    return {task: sum(v) / len(v) for task, v in graded.items()}


def task_verdicts(results: list[dict]) -> dict[str, str]:
    """pass (every graded sample passed), fail (none did), mixed, or ungraded."""
    rates = task_pass_rates(results)
    verdicts = {r["task"]: "ungraded" for r in results}
    for task, rate in rates.items():
        verdicts[task] = "pass" if rate == 1.0 else "fail" if rate == 0.0 else "mixed"
    return verdicts


def flips(results_a: list[dict], results_b: list[dict]) -> dict:
    """Per-task changes from run A to run B. Only clean flips (every sample passed -> none did,
    and back) count as flips; partial moves are listed under `changed` with both pass rates."""
    va, vb = task_verdicts(results_a), task_verdicts(results_b)
    ra, rb = task_pass_rates(results_a), task_pass_rates(results_b)
    common = sorted(set(va) & set(vb))
    out: dict = {"pass_to_fail": [], "fail_to_pass": [], "changed": [],
                 "only_a": sorted(set(va) - set(vb)), "only_b": sorted(set(vb) - set(va))}
    for task in common:
        if va[task] == "pass" and vb[task] == "fail":
            out["pass_to_fail"].append(task)
        elif va[task] == "fail" and vb[task] == "pass":
            out["fail_to_pass"].append(task)
        elif task in ra and task in rb and ra[task] != rb[task]:
            out["changed"].append({"task": task, "a": ra[task], "b": rb[task]})
    return out


# ---------------------------------------------------------------- significance
def mcnemar_exact(b: int, c: int) -> float:
    """Two-sided exact McNemar p-value for b (A only passed) and c (B only passed) discordant
    pairs: a binomial test of min(b, c) under p = 1/2."""
    n = b + c
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(min(b, c) + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def bootstrap_mean_ci(values: list[float], level: float = 0.95,
                      resamples: int = BOOTSTRAP_RESAMPLES,
                      seed: int = 0) -> tuple[float, float] | None:
    """Percentile bootstrap CI of the mean. Resampling is over the values given (tasks), since
    samples of one task are correlated and must move together. Seeded: reports are reproducible."""
    if not values:
        return None
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(rng.choice(values) for _ in range(n)) / n for _ in range(resamples))
    lo_i = int(math.floor((1 - level) / 2 * resamples))
    hi_i = min(resamples - 1, int(math.ceil((1 + level) / 2 * resamples)) - 1)
    return means[lo_i], means[hi_i]


def paired_difference(rates_a: dict[str, float], rates_b: dict[str, float],
                      level: float = 0.95) -> dict | None:
    """Mean per-task pass@1 difference (B - A) over the tasks graded in both, with a paired
    bootstrap CI (tasks resampled, each keeping its own A and B)."""
    common = sorted(set(rates_a) & set(rates_b))
    if not common:
        return None
    diffs = [rates_b[t] - rates_a[t] for t in common]
    ci = bootstrap_mean_ci(diffs, level)
    assert ci is not None
    return {"tasks": len(common), "a": sum(rates_a[t] for t in common) / len(common),
            "b": sum(rates_b[t] for t in common) / len(common),
            "diff": sum(diffs) / len(diffs), "ci_low": ci[0], "ci_high": ci[1], "level": level}


def headline_cis(summary: dict, level: float = 0.95) -> dict[str, dict]:
    """pass@k with a 95% interval over tasks that stays honest at 0% and 100%: Wilson for one
    sample per task, a task-clustered Wilson for several (see scoring.task_interval). A
    bootstrap over tasks collapses there (24/24 would read 100-100%)."""
    out = {}
    tasks = summary.get("tasks", {})
    for key in sorted(k for k in summary if k.startswith("pass@")):
        per_task = [e[key] for e in tasks.values() if key in e]
        samples = sum(e.get("graded", 1) for e in tasks.values() if key in e)
        ci = task_interval(per_task, samples)
        out[key] = {"value": summary[key], "tasks": len(per_task), "level": level,
                    "ci_low": ci["low"] if ci else None, "ci_high": ci["high"] if ci else None,
                    "method": ci["method"] if ci else None}
    return out


# ---------------------------------------------------------------- model calls
def endpoint_prices(meta: dict) -> dict[str, tuple[float | None, float | None]]:
    """Endpoint name -> (USD per 1M input tokens, per 1M output tokens) from run.json."""
    endpoints = ((meta.get("config") or {}).get("models") or {}).get("endpoints") or {}
    return {name: (e.get("price_input_per_1m"), e.get("price_output_per_1m"))
            for name, e in endpoints.items()}


def call_cost(call: dict, prices: dict[str, tuple[float | None, float | None]]) -> float | None:
    """USD for one call from the endpoint's configured prices; None when it has none."""
    p_in, p_out = prices.get(call.get("endpoint") or "", (None, None))
    if p_in is None and p_out is None:
        return None
    return ((call.get("prompt_tokens") or 0) * (p_in or 0)
            + (call.get("completion_tokens") or 0) * (p_out or 0)) / 1e6


def call_tokens_per_s(call: dict) -> float | None:
    """The call's measured decode speed; for a record without one, the tokens after the first
    over the time after the first token. None without a first-token time or with < 2 tokens
    (dividing by the whole latency would count prefill and queueing as generation)."""
    if call.get("tokens_per_s") is not None:
        return call["tokens_per_s"]
    latency, tokens, ttft = call.get("latency_s"), call.get("completion_tokens"), call.get("ttft_s")
    if ttft is None or not latency or not tokens or tokens < 2 or latency <= ttft:
        return None
    return (tokens - 1) / (latency - ttft)


def role_stats(calls: list[dict], meta: dict) -> dict[str, dict]:
    """Per-role accounting in the shape of summary.json's "roles". Cached answers count as
    calls but are left out of latency, throughput and cost, which they would flatter."""
    prices = endpoint_prices(meta)
    by_role: dict[str, list[dict]] = defaultdict(list)
    for call in calls:
        by_role[call.get("role") or "?"].append(call)
    out = {}
    for role, rows in sorted(by_role.items()):
        live = [c for c in rows if not c.get("cached")]
        ok = [c for c in live if not c.get("error")]
        lat = [c["latency_s"] for c in ok if c.get("latency_s") is not None]
        tps = [v for v in (call_tokens_per_s(c) for c in ok) if v is not None]
        ttft = [c["ttft_s"] for c in ok if c.get("ttft_s") is not None]
        costs = [v for v in (call_cost(c, prices) for c in live) if v is not None]
        out[role] = {
            "calls": len(rows),
            "prompt_tokens": sum(c.get("prompt_tokens") or 0 for c in rows),
            "completion_tokens": sum(c.get("completion_tokens") or 0 for c in rows),
            "latency_p50_s": percentile(lat, 50), "latency_p95_s": percentile(lat, 95),
            "tokens_per_s_p50": percentile(tps, 50), "tokens_per_s_p95": percentile(tps, 95),
            "ttft_p50_s": percentile(ttft, 50),
            "retries": sum(c.get("retries") or 0 for c in rows),
            "errors": sum(1 for c in rows if c.get("error")),
            "cost_usd": sum(costs) if costs else None,
        }
    return out


def run_roles(run: RunData) -> dict[str, dict]:
    """summary.json's roles when the run wrote them (authoritative), else derived from calls."""
    return run.summary.get("roles") or role_stats(run.calls, run.meta)


def run_cost(run: RunData) -> float | None:
    """USD for the whole run: summary.json's cost_usd, else the sum over roles; None if unpriced."""
    if run.summary.get("cost_usd") is not None:
        return run.summary["cost_usd"]
    costs = [r["cost_usd"] for r in run_roles(run).values() if r.get("cost_usd") is not None]
    return sum(costs) if costs else None


def run_fallback_rate(run: RunData) -> float | None:
    """Share of samples the fallback builder produced; None for offline runs (no builder)."""
    if run.summary.get("fallback_rate") is not None:
        return run.summary["fallback_rate"]
    if run.meta.get("config", {}).get("mode") == "offline" or not run.results:
        return None
    fell = sum(1 for r in run.results
               if any(str(a.get("producer", "")).startswith("fallback")
                      for a in r.get("attempts", [])))
    return fell / len(run.results)


def role_samples(calls: list[dict], metric: str) -> dict[str, list[float]]:
    """Raw per-call values of latency_s, tokens_per_s or ttft_s by role, for distributions."""
    out: dict[str, list[float]] = defaultdict(list)
    for c in calls:
        if c.get("cached") or c.get("error"):
            continue
        value = call_tokens_per_s(c) if metric == "tokens_per_s" else c.get(metric)
        if value is not None:
            out[c.get("role") or "?"].append(float(value))
    return dict(sorted(out.items()))


# ---------------------------------------------------------------- two runs
def _delta(a: float | None, b: float | None) -> dict:
    return {"a": a, "b": b, "diff": None if a is None or b is None else b - a}


def run_group_rates(run: RunData) -> dict[str, dict]:
    """by_category / by_tag from summary.json; for an older summary, by category from the
    results records (which carry the category but not the tags)."""
    if "by_category" in run.summary:
        return {"by_category": run.summary["by_category"], "by_tag": run.summary.get("by_tag", {})}
    return groups(run.results)


def group_changes(groups_a: dict[str, dict], groups_b: dict[str, dict]) -> dict[str, dict]:
    """Per group (a category or a tag) in either run: pass rate in A and B, the change in
    points (B - A), and graded samples on each side."""
    out = {}
    for name in sorted(set(groups_a) | set(groups_b)):
        ga, gb = groups_a.get(name, {}), groups_b.get(name, {})
        out[name] = _delta(ga.get("pass_rate"), gb.get("pass_rate")) | {
            "graded_a": ga.get("graded", 0), "graded_b": gb.get("graded", 0)}
    return out


def compare_runs(a: RunData, b: RunData) -> dict:
    """Everything `kateval compare` prints: flips, the pass@1 difference with a paired bootstrap
    CI and McNemar's exact test over tasks, and per-role latency, throughput and cost changes."""
    f = flips(a.results, b.results)
    va, vb = task_verdicts(a.results), task_verdicts(b.results)
    both = [t for t in set(va) & set(vb) if {va[t], vb[t]} <= {"pass", "fail"}]
    only_a = sum(1 for t in both if va[t] == "pass" and vb[t] == "fail")
    only_b = sum(1 for t in both if va[t] == "fail" and vb[t] == "pass")
    roles_a, roles_b = run_roles(a), run_roles(b)
    groups_a, groups_b = run_group_rates(a), run_group_rates(b)
    roles = {}
    for role in sorted(set(roles_a) | set(roles_b)):
        ra, rb = roles_a.get(role, {}), roles_b.get(role, {})
        roles[role] = {key: _delta(ra.get(key), rb.get(key))
                       for key in ("latency_p50_s", "latency_p95_s", "tokens_per_s_p50",
                                   "tokens_per_s_p95", "cost_usd", "calls", "errors")}
    return {
        "a": a.run_id, "b": b.run_id, "suite_a": a.suite, "suite_b": b.suite,
        "flips": f,
        "pass_at_1": _delta(a.summary.get("pass@1"), b.summary.get("pass@1")),
        "paired": paired_difference(task_pass_rates(a.results), task_pass_rates(b.results)),
        "mcnemar": {"a_only": only_a, "b_only": only_b, "pairs": len(both),
                    "p_value": mcnemar_exact(only_a, only_b)},
        "roles": roles,
        "cost_usd": _delta(run_cost(a), run_cost(b)),
        "by_category": group_changes(groups_a["by_category"], groups_b["by_category"]),
        "by_tag": group_changes(groups_a["by_tag"], groups_b["by_tag"]),
    }
