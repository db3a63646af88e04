"""report.md: a summary fit for $GITHUB_STEP_SUMMARY.

render(summary, run_meta) is the plain report the run writes; the keyword arguments add what
`kateval report` and the gate know: confidence intervals, model calls and the gate's verdict.
render_variants(view) is report-variants.md (see report.variants.variants_view).
"""

from __future__ import annotations

from kateval.report import fmt
from kateval.report.engine import busy_lines


_pct, _num, _usd = fmt.pct, fmt.num, fmt.usd


def _gate_lines(gate: dict) -> list[str]:
    icon = "✅" if gate["passed"] else "❌"
    lines = ["## Gate", "", f"{icon} {gate['message']}", ""]
    for task, statuses in sorted(gate.get("regressions", {}).items()):
        lines.append(f"- regression: `{task}` ({' then '.join(statuses)})")
    for task, statuses in sorted(gate.get("flaky", {}).items()):
        lines.append(f"- flaky flip (not gated): `{task}` ({' then '.join(statuses)})")
    lines += [f"- note: {n}" for n in gate.get("notes", [])]
    return lines + [""]


def _role_lines(roles: dict) -> list[str]:
    lines = ["## Model calls", "",
             "| role | calls | prompt tok | completion tok | latency p50 / p95 | tok/s p50 / p95 "
             "| TTFT p50 | retries | errors | cost |", "|---|---|---|---|---|---|---|---|---|---|"]
    for role, r in roles.items():
        lines.append(
            f"| {role} | {r.get('calls', 0)} | {r.get('prompt_tokens', 0)} | "
            f"{r.get('completion_tokens', 0)} | {_num(r.get('latency_p50_s'), 's')} / "
            f"{_num(r.get('latency_p95_s'), 's')} | {_num(r.get('tokens_per_s_p50'), '', 1)} / "
            f"{_num(r.get('tokens_per_s_p95'), '', 1)} | {_num(r.get('ttft_p50_s'), 's')} | "
            f"{r.get('retries', 0)} | {r.get('errors', 0)} | {_usd(r.get('cost_usd'))} |")
    return lines + [""]


def render_variants(view: dict) -> str:
    """report-variants.md: the variants table and each variant's flips against the base."""
    lines = [f"# {view['title']}", "", f"Base: `{view['base']['run_id']}`.", "",
             "| variant | run | pass@1 | tok/s p50 | latency p50 | cost | cost / solved task | "
             "fail->pass | pass->fail | Pareto front |", "|---|---|---|---|---|---|---|---|---|---|"]
    for v in view["rows"]:
        change = v.get("change") or {}
        lines.append(f"| {v['name']} | `{v['run_id']}` | {_pct(v['pass_at_1'])} | "
                     f"{_num(v['tokens_per_s'], '', 1)} | {_num(v['latency_p50_s'], 's')} | "
                     f"{_usd(v['cost_usd'])} | {_usd(v['cost_per_solved'])} | "
                     f"{change.get('fail_to_pass', '-')} | {change.get('pass_to_fail', '-')} | "
                     f"{'★' if v['front'] else ''} |")
    moved = [t for t in view["tasks"] if t["flips"]]
    if moved:
        lines += ["", "## Flips", "", "| task | " + " | ".join(v["short"] for v in view["rows"])
                  + " |", "|---|" + "---|" * len(view["rows"])]
        for t in moved:
            cells = [f"{c['passed']}/{len(c['statuses'])} {c['flip']}" for c in t["cells"]]
            lines.append(f"| {t['task']} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _group_lines(title: str, kind: str, entries: dict[str, dict]) -> list[str]:
    lines = [f"## {title}", "", f"| {kind} | tasks | passed | pass rate |", "|---|---|---|---|"]
    for name, g in entries.items():
        lines.append(f"| {name} | {g.get('tasks', '')} | {g.get('passed', 0)}/"
                     f"{g.get('graded', 0)} | {_pct(g.get('pass_rate'))} |")
    return lines + [""]


def render(summary: dict, run_meta: dict, *, cis: dict | None = None, roles: dict | None = None,
           gate: dict | None = None) -> str:
    """The markdown report. run_meta is run.json's "config" (mode, sandbox, ...)."""
    lines = [f"# kateval run `{summary['run_id']}`", "",
             f"Suite **{summary['suite']}**, mode **{run_meta.get('mode', '?')}**, "
             f"sandbox **{run_meta.get('sandbox', '?')}**, "
             f"{summary['samples']}/{summary['planned']} samples.", ""]
    if run_meta.get("sandbox") == "none":
        lines += ["**Warning: sandbox none: model code ran on this machine without isolation.**", ""]
    if gate:
        lines += _gate_lines(gate)
    headline = [k for k in summary if k.startswith("pass@") or k.startswith("pass_rate_")]
    lines += ["| metric | value |", "|---|---|",
              f"| pass rate | {_pct(summary['pass_rate'])} ({summary['passed']}/{summary['graded']}) |"]
    for k in headline:
        ci = (cis or {}).get(k)
        interval = (f" (95% CI {_pct(ci['ci_low'])}–{_pct(ci['ci_high'])}, {ci['tasks']} tasks)"
                    if ci and ci.get("ci_low") is not None else "")
        lines.append(f"| {k} | {_pct(summary[k])}{interval} |")
    wall = summary["wall_time_per_sample_s"]
    if wall["mean"] is not None:
        lines.append(f"| wall time per sample, start to grade, waits included (mean / p95) | "
                     f"{wall['mean']:.1f}s / {wall['p95']:.1f}s |")
    lines.append(f"| infra errors (not scored) | {summary['infra_errors']} |")
    if summary.get("model_errors"):
        lines.append(f"| model errors (not scored) | {summary['model_errors']} |")
    for key, label in (("fallback_rate", "fallback rate"),
                       ("well_formed_edit_rate", "well-formed edit rate")):
        if summary.get(key) is not None:
            lines.append(f"| {label} | {_pct(summary[key])} |")
    if summary.get("cost_usd") is not None:
        lines.append(f"| cost | {_usd(summary['cost_usd'])} |")
    lines += ["", "## Statuses", "", "| status | samples |", "|---|---|"]
    lines += [f"| {s} | {n} |" for s, n in sorted(summary["statuses"].items())]
    lines.append("")
    if engine := busy_lines(summary):
        lines += ["## Engine", "", *(f"- {line}" for line in engine), ""]
    if summary.get("by_category"):
        lines += _group_lines("By category", "category", summary["by_category"])
    if summary.get("by_tag"):
        lines += _group_lines("By tag", "tag", summary["by_tag"])
    if summary.get("by_target"):
        lines += _group_lines("By target", "target", summary["by_target"])
    if summary.get("by_library"):
        lines += _group_lines("By library", "library", summary["by_library"])
    if roles:
        lines += _role_lines(roles)
    lines += ["## Tasks", "", "| task | passed | statuses |", "|---|---|---|"]
    for task, entry in summary["tasks"].items():
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(entry["statuses"].items()))
        lines.append(f"| {task} | {entry['passed']}/{entry['graded']} | {statuses} |")
    return "\n".join(lines) + "\n"
