"""Variants: the same role served several ways (FP16, AWQ, GGUF Q4; vLLM or llama.cpp), one run
folder each. Pure functions: a table of pass@1, pass rate by attempt, tokens per second, cost and
cost per solved task with its Pareto front, and a per-task A/B view of each variant against the
first run (the base) with its flips.
"""

from __future__ import annotations

from kateval.compare import (RunData, compare_runs, run_cost, run_roles, task_pass_rates,
                             task_verdicts)
from kateval.scoring import MODEL_OUTCOMES

# Which way is better for each objective of the front.
OBJECTIVES = (("pass_at_1", max), ("tokens_per_s", max), ("cost_usd", min))


def _builder(run: RunData) -> tuple[str | None, str | None]:
    models = (run.meta.get("config") or {}).get("models") or {}
    endpoint = (models.get("roles") or {}).get("builder")
    model = ((models.get("endpoints") or {}).get(endpoint) or {}).get("model") if endpoint else None
    return endpoint, model


def variant_name(run: RunData) -> str:
    """The builder's endpoint and model from run.json, else the run id (offline runs)."""
    endpoint, model = _builder(run)
    if not endpoint:
        return run.run_id
    return f"{endpoint} ({model})" if model and model != endpoint else endpoint


def _throughput_role(roles: dict[str, dict]) -> str | None:
    """The builder, whose speed a variant changes; else the role that generated most."""
    if "builder" in roles:
        return "builder"
    return max(roles, key=lambda r: roles[r].get("completion_tokens") or 0, default=None)


def _pass_by_attempt(summary: dict) -> list[float | None]:
    attempts = sorted(int(k.rsplit("_", 1)[1]) for k in summary if k.startswith("pass_rate_"))
    return [summary[f"pass_rate_{a}"] for a in attempts]


def _row(run: RunData) -> dict:
    roles = run_roles(run)
    role = _throughput_role(roles)
    stats = roles.get(role, {}) if role else {}
    cost, passed = run_cost(run), run.summary.get("passed") or 0
    return {"name": variant_name(run), "short": _builder(run)[0] or run.run_id,
            "run_id": run.run_id, "suite": run.suite,
            "pass_at_1": run.summary.get("pass@1"), "graded": run.summary.get("graded"),
            "passed": passed, "pass_by_attempt": _pass_by_attempt(run.summary),
            "tokens_per_s": stats.get("tokens_per_s_p50"),
            "latency_p50_s": stats.get("latency_p50_s"), "role": role, "cost_usd": cost,
            # a run that solved nothing has no cost per solved task (not 0, not infinite)
            "cost_per_solved": cost / passed if cost is not None and passed else None}


def variant_rows(runs: list[RunData]) -> list[dict]:
    """One row per run: name, pass@1, pass rate by attempt, builder tokens/s and latency (p50),
    cost, cost per solved task, Pareto flag."""
    rows = [_row(run) for run in runs]
    names, shorts = [r["name"] for r in rows], [r["short"] for r in rows]
    for row in rows:  # two runs of one endpoint name: the run id tells them apart
        if names.count(row["name"]) > 1:
            row["name"] = f"{row['name']} [{row['run_id']}]"
        if shorts.count(row["short"]) > 1:
            row["short"] = row["run_id"]
    for i in pareto_front(rows):
        rows[i]["front"] = True
    for row in rows:
        row.setdefault("front", False)
    return rows


def _score(row: dict, key: str, better) -> float:
    """Missing values rank worst, so an unmeasured variant never dominates a measured one."""
    value = row.get(key)
    if value is None:
        return float("-inf") if better is max else float("inf")
    return value


def dominates(a: dict, b: dict) -> bool:
    """a is at least as good as b on every objective and strictly better on one."""
    at_least, strictly = True, False
    for key, better in OBJECTIVES:
        va, vb = _score(a, key, better), _score(b, key, better)
        if va == vb:
            continue
        if better(va, vb) == va:
            strictly = True
        else:
            at_least = False
    return at_least and strictly


def pareto_front(rows: list[dict]) -> list[int]:
    """Indexes of the rows no other row dominates."""
    return [i for i, row in enumerate(rows)
            if not any(dominates(other, row) for j, other in enumerate(rows) if j != i)]


def scatter_points(rows: list[dict]) -> list[dict]:
    """The rows as points for svg.pareto_scatter: x tokens/s, y pass@1, dot size cost."""
    return [{"label": r["name"], "short": r["short"], "x": r["tokens_per_s"], "y": r["pass_at_1"],
             "size": r["cost_usd"], "front": r["front"]} for r in rows]


def _change(base: RunData, other: RunData) -> dict:
    """How a variant moved from the base: flips, paired difference with its CI, McNemar."""
    result = compare_runs(base, other)
    flips, paired = result["flips"], result["paired"]
    return {"fail_to_pass": len(flips["fail_to_pass"]), "pass_to_fail": len(flips["pass_to_fail"]),
            "changed": len(flips["changed"]), "paired": paired,
            "p_value": result["mcnemar"]["p_value"]}


def _cell(results: list[dict], task: str, base_rate: float | None) -> dict:
    rows = sorted((r for r in results if r["task"] == task), key=lambda r: r["sample"])
    rate = task_pass_rates(rows).get(task)
    verdict = task_verdicts(rows).get(task, "missing")
    return {"statuses": [r["status"] for r in rows], "rate": rate, "verdict": verdict,
            "passed": sum(r["status"] == "passed" for r in rows),
            "graded": sum(r["status"] in MODEL_OUTCOMES for r in rows),
            "delta": None if rate is None or base_rate is None else rate - base_rate}


def _flip(base: dict, cell: dict) -> str:
    """fail->pass and pass->fail are clean flips (every sample one way, then every sample the
    other); up and down are partial moves; same; or n/a when either side has no grade."""
    if cell["delta"] is None:
        return "n/a"
    if base["verdict"] == "fail" and cell["verdict"] == "pass":
        return "fail→pass"
    if base["verdict"] == "pass" and cell["verdict"] == "fail":
        return "pass→fail"
    return "up" if cell["delta"] > 0 else "down" if cell["delta"] < 0 else "same"


def task_table(runs: list[RunData]) -> list[dict]:
    """Per task (in any run): each run's samples and pass rate, and each variant's move from
    the base (the first run)."""
    tasks = sorted({r["task"] for run in runs for r in run.results})
    out = []
    for task in tasks:
        base = _cell(runs[0].results, task, None)
        cells = [base] + [_cell(run.results, task, base["rate"]) for run in runs[1:]]
        for cell in cells[1:]:
            cell["flip"] = _flip(base, cell)
        base["flip"] = "base"
        moves = [c["flip"] for c in cells[1:]]
        out.append({"task": task, "cells": cells,
                    "flips": sum(m in ("fail→pass", "pass→fail") for m in moves),
                    "changed": any(m not in ("same", "n/a") for m in moves)})
    return out


def variants_view(runs: list[RunData]) -> dict:
    """Everything the variants report shows; runs[0] is the base the others are held against."""
    rows = variant_rows(runs)
    for row, run in zip(rows[1:], runs[1:]):
        row["change"] = _change(runs[0], run)
    rows[0]["change"] = None
    names = " vs ".join(r["short"] for r in rows)
    return {"title": f"kateval variants: {names}", "base": rows[0], "rows": rows,
            "tasks": task_table(runs), "suites": sorted({r["suite"] for r in rows})}
