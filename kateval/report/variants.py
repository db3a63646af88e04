"""Variants: the same role served several ways (FP16, AWQ, GGUF Q4; vLLM or llama.cpp), one run
folder each. Pure functions: a table of pass@1, tokens per second and cost, and its Pareto front.
"""

from __future__ import annotations

from kateval.compare import RunData, run_cost, run_roles

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


def variant_rows(runs: list[RunData]) -> list[dict]:
    """One row per run: name, pass@1, builder tokens/s and latency (p50), cost, Pareto flag."""
    rows = []
    for run in runs:
        roles = run_roles(run)
        role = _throughput_role(roles)
        stats = roles.get(role, {}) if role else {}
        rows.append({"name": variant_name(run), "short": _builder(run)[0] or run.run_id,
                     "run_id": run.run_id, "suite": run.suite,
                     "pass_at_1": run.summary.get("pass@1"), "graded": run.summary.get("graded"),
                     "tokens_per_s": stats.get("tokens_per_s_p50"),
                     "latency_p50_s": stats.get("latency_p50_s"), "role": role,
                     "cost_usd": run_cost(run)})
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
