"""`kateval report`, `kateval history` and `kateval compare`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kateval import history
from kateval.compare import RunData, compare_runs, headline_cis, role_stats, run_roles
from kateval.errors import ConfigError
from kateval.report import html, junit, markdown
from kateval.report import variants as variants_mod
from kateval.report.svg import fmt_num

REPORT_FILES = ("report.html", "report.md", "junit.xml", "summary.json")


def _complete_summary(run: RunData) -> dict:
    """summary.json as the run wrote it, plus model-call accounting derived from calls.jsonl
    when the run did not record it (older runs)."""
    summary = dict(run.summary)
    if "roles" not in summary and run.calls:
        summary["roles"] = role_stats(run.calls, run.meta)
        costs = [r["cost_usd"] for r in summary["roles"].values() if r["cost_usd"] is not None]
        summary.setdefault("cost_usd", sum(costs) if costs else None)
    return summary


def write_reports(run: RunData, *, variant_runs: list[RunData] | None = None,
                  gate: dict | None = None) -> dict[str, Path]:
    """Write report.html, report.md, junit.xml and summary.json into the run folder."""
    if run.root is None:
        raise ConfigError(f"run {run.run_id}: its folder is gone (only its history record is "
                          "left); reports need the run folder")
    run = RunData(run.run_id, run.meta, _complete_summary(run), run.results, run.calls, run.root)
    gate_file = run.root / "gate.json"  # written by the gate (kateval.commands.gate)
    if gate is None and gate_file.is_file():
        gate = json.loads(gate_file.read_text())
    cis, roles = headline_cis(run.summary), run_roles(run)
    variant_view = None
    if variant_runs:
        rows = variants_mod.variant_rows([run, *variant_runs])
        variant_view = (rows, variants_mod.scatter_points(rows))
    page = html.render(run, html.collect_tasks(run), cis=cis, roles=roles, gate=gate,
                       variants=variant_view)
    md = markdown.render(run.summary, run.meta.get("config", {}), cis=cis, roles=roles, gate=gate,
                         variants=variant_view[0] if variant_view else None)
    paths = {name: run.root / name for name in REPORT_FILES}
    paths["report.html"].write_text(page, encoding="utf-8")
    paths["report.md"].write_text(md, encoding="utf-8")
    paths["junit.xml"].write_text(junit.render(run.suite, run.results, run.run_id),
                                  encoding="utf-8")
    tmp = run.root / ".summary.json.tmp"
    tmp.write_text(json.dumps(run.summary, indent=2, sort_keys=True, default=str) + "\n")
    tmp.replace(paths["summary.json"])
    return paths


def report_command(console: Console, run_dir: Path, variants: list[str] | None = None,
                   runs_dir: Path = Path("runs")) -> dict[str, Path]:
    """Write the four reports for a run (a folder or a run id under runs_dir)."""
    run = history.resolve_run(str(run_dir), runs_dir)
    others = [history.resolve_run(ref, runs_dir) for ref in variants or []]
    for other in others:
        if other.root is None:
            raise ConfigError(f"--variants: run {other.run_id} has no run folder")
    paths = write_reports(run, variant_runs=others)
    for name, path in paths.items():
        console.print(f"{name:12} {path}")
    return paths


def _counts(statuses: str) -> str:
    """'passed,tests_failed,passed' -> 'passed×2 tests_failed×1'."""
    return " ".join(f"{s}×{n}" for s, n in sorted(Counter(statuses.split(",")).items()))


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def history_command(console: Console, *, runs_dir: Path, task: str | None) -> None:
    """List runs (newest first) or one task over time; indexes new run folders first."""
    conn = history.connect(runs_dir / history.DB_NAME)
    history.sync(conn, runs_dir)
    if task:
        rows = history.task_history(conn, task)
        if not rows:
            known = ", ".join(history.known_tasks(conn)[:10]) or "none yet"
            raise ConfigError(f"--task: no result for task '{task}' in "
                              f"{runs_dir / history.DB_NAME} (known: {known}); check the id")
        table = Table(title=f"task {task} over time")
        table.add_column("run", overflow="fold")
        for column in ("started", "suite", "builder", "passed", "statuses"):
            table.add_column(column)
        for r in rows:
            table.add_row(r["run_id"], (r["started_at"] or "")[:16].replace("T", " "), r["suite"],
                          json.loads(r["models"] or "{}").get("builder") or "gold (offline)",
                          f"{r['passed']}/{r['graded']}", _counts(r["statuses"]))
        console.print(table)
        return
    rows = history.list_runs(conn)
    if not rows:
        console.print(f"no runs in {runs_dir}; start one with `kateval run --suite ...`")
        return
    table = Table(title=f"runs in {runs_dir}")
    table.add_column("run", overflow="fold")  # ids are copied into other commands: never cut
    for column in ("started", "suite", "builder", "pass@1", "pass@k", "passed", "complete",
                   "gate", "cost"):
        table.add_column(column)
    for r in rows:
        summary = json.loads(r["summary_json"] or "{}")
        ks = sorted((k for k in summary if k.startswith("pass@") and k != "pass@1"),
                    key=lambda k: int(k[5:]))
        builder = json.loads(r["models"] or "{}").get("builder") or "gold (offline)"
        table.add_row(r["run_id"], (r["started_at"] or "")[:16].replace("T", " "), r["suite"],
                      builder,
                      _pct(r["pass_at_1"]), " ".join(f"{k}={_pct(summary[k])}" for k in ks),
                      f"{r['passed']}/{r['graded']}", "yes" if r["complete"] else "no",
                      r["gate"] or "", "" if r["cost_usd"] is None else f"${r['cost_usd']:.4f}")
    console.print(table)


def _fmt(value) -> str:
    return "-" if value is None else fmt_num(value) if isinstance(value, float) else str(value)


def _change(d: dict) -> str:
    if d["diff"] is None:
        return "-"
    points = 100 * d["diff"]
    color = "red" if points < 0 else "green" if points > 0 else "default"
    return f"[{color}]{points:+.1f}[/]"


def _group_table(title: str, kind: str, changes: dict[str, dict]) -> Table:
    table = Table(title=title)
    for column in (kind, "A", "B", "change (points)", "graded A / B"):
        table.add_column(column)
    for name, d in changes.items():
        table.add_row(name, _pct(d["a"]), _pct(d["b"]), _change(d),
                      f"{d['graded_a']} / {d['graded_b']}")
    return table


TAGS_SHOWN = 15


def _print_groups(console: Console, result: dict) -> None:
    """Pass rate per category, and the tags that moved most (there are many tags)."""
    if result["by_category"]:
        console.print(_group_table("pass rate by category (A -> B)", "category",
                                   result["by_category"]))
    moved = sorted(((name, d) for name, d in result["by_tag"].items() if d["diff"]),
                   key=lambda item: (-abs(item[1]["diff"]), item[0]))[:TAGS_SHOWN]
    if moved:
        console.print(_group_table(f"tags that moved most (up to {TAGS_SHOWN})", "tag",
                                   dict(moved)))


def compare_command(console: Console, *, run_a: str, run_b: str, runs_dir: Path) -> dict:
    """Print per-task flips, the pass@1 difference with its CI and p-value, and role changes."""
    db_path = runs_dir / history.DB_NAME
    conn = history.connect(db_path) if db_path.is_file() else None
    a, b = history.resolve_run(run_a, runs_dir, conn), history.resolve_run(run_b, runs_dir, conn)
    result = compare_runs(a, b)
    if result["suite_a"] != result["suite_b"]:
        console.print(f"[yellow]note: different suites ({result['suite_a']} vs "
                      f"{result['suite_b']}); only common tasks are paired[/]")
    p, m = result["paired"], result["mcnemar"]
    console.print(f"[bold]{a.run_id}[/] (A) vs [bold]{b.run_id}[/] (B)")
    console.print(f"pass@1: {_pct(result['pass_at_1']['a'])} -> {_pct(result['pass_at_1']['b'])}")
    if p:
        console.print(f"paired over {p['tasks']} common tasks: {_pct(p['a'])} -> {_pct(p['b'])}, "
                      f"difference {100 * p['diff']:+.1f} points (95% bootstrap CI "
                      f"{100 * p['ci_low']:+.1f} to {100 * p['ci_high']:+.1f})")
    console.print(f"McNemar exact test: {m['a_only']} pass->fail, {m['b_only']} fail->pass over "
                  f"{m['pairs']} tasks, p = {m['p_value']:.3g}")
    _print_groups(console, result)
    f = result["flips"]
    table = Table(title="per-task flips")
    for column in ("task", "A", "B"):
        table.add_column(column)
    for task in f["pass_to_fail"]:
        table.add_row(task, "pass", "[red]fail[/]")
    for task in f["fail_to_pass"]:
        table.add_row(task, "fail", "[green]pass[/]")
    for c in f["changed"]:
        table.add_row(c["task"], _pct(c["a"]), _pct(c["b"]))
    console.print(table if table.row_count else "no per-task flips")
    for side, tasks in (("A", f["only_a"]), ("B", f["only_b"])):
        if tasks:
            console.print(f"only in {side}: {', '.join(tasks)}")
    roles = Table(title="model calls (A -> B)")
    for column in ("role", "latency p50", "latency p95", "tok/s p50", "tok/s p95", "cost",
                   "errors"):
        roles.add_column(column)
    for role, d in result["roles"].items():
        roles.add_row(role, *(f"{_fmt(d[k]['a'])} -> {_fmt(d[k]['b'])}" for k in (
            "latency_p50_s", "latency_p95_s", "tokens_per_s_p50", "tokens_per_s_p95",
            "cost_usd", "errors")))
    console.print(roles if roles.row_count else "no model calls recorded in either run")
    cost = result["cost_usd"]
    if cost["diff"] is not None:
        console.print(f"cost: ${cost['a']:.4f} -> ${cost['b']:.4f} ({cost['diff']:+.4f})")
    return result
