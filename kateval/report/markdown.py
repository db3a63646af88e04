"""report.md: a summary fit for $GITHUB_STEP_SUMMARY."""

from __future__ import annotations


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def render(summary: dict, run_meta: dict) -> str:
    lines = [f"# kateval run `{summary['run_id']}`", "",
             f"Suite **{summary['suite']}**, mode **{run_meta.get('mode', '?')}**, "
             f"sandbox **{run_meta.get('sandbox', '?')}**, "
             f"{summary['samples']}/{summary['planned']} samples.", ""]
    headline = [k for k in summary if k.startswith("pass@") or k.startswith("pass_rate_")]
    lines += ["| metric | value |", "|---|---|",
              f"| pass rate | {_pct(summary['pass_rate'])} ({summary['passed']}/{summary['graded']}) |"]
    lines += [f"| {k} | {_pct(summary[k])} |" for k in headline]
    wall = summary["wall_time_per_sample_s"]
    if wall["mean"] is not None:
        lines.append(f"| wall time per sample (mean / p95) | {wall['mean']:.1f}s / {wall['p95']:.1f}s |")
    lines.append(f"| infra errors (not scored) | {summary['infra_errors']} |")
    lines += ["", "## Statuses", "", "| status | samples |", "|---|---|"]
    lines += [f"| {s} | {n} |" for s, n in sorted(summary["statuses"].items())]
    lines += ["", "## Tasks", "", "| task | passed | statuses |", "|---|---|---|"]
    for task, entry in summary["tasks"].items():
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(entry["statuses"].items()))
        lines.append(f"| {task} | {entry['passed']}/{entry['graded']} | {statuses} |")
    return "\n".join(lines) + "\n"
