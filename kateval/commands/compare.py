"""`kateval compare`: per-task flips, the pass@1 difference with its CI and p-value, and the
changes in model calls between two runs."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from kateval import history
from kateval.commands.history import pct as _pct
from kateval.commands.tables import print_json
from kateval.compare import RunData, compare_runs
from kateval.report.svg import fmt_num

TAGS_SHOWN = 15


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


def _runs(run_a: str, run_b: str, runs_dir: Path) -> tuple[RunData, RunData]:
    db_path = runs_dir / history.DB_NAME
    conn = history.connect(db_path) if db_path.is_file() else None
    return history.resolve_run(run_a, runs_dir, conn), history.resolve_run(run_b, runs_dir, conn)


def compare_command(console: Console, *, run_a: str, run_b: str, runs_dir: Path,
                    as_json: bool = False) -> dict:
    """Print per-task flips, the pass@1 difference with its CI and p-value, and role changes."""
    a, b = _runs(run_a, run_b, runs_dir)
    result = compare_runs(a, b)
    if as_json:
        print_json(console, {"a": a.run_id, "b": b.run_id} | result)
        return result
    if result["suite_a"] != result["suite_b"]:
        console.print(f"[yellow]note: different suites ({result['suite_a']} vs "
                      f"{result['suite_b']}); only common tasks are paired[/]")
    _print_headline(console, a, b, result)
    _print_groups(console, result)
    _print_flips(console, result["flips"])
    _print_roles(console, result)
    return result


def _print_headline(console: Console, a: RunData, b: RunData, result: dict) -> None:
    p, m = result["paired"], result["mcnemar"]
    console.print(f"[bold]{a.run_id}[/] (A) vs [bold]{b.run_id}[/] (B)")
    console.print(f"pass@1: {_pct(result['pass_at_1']['a'])} -> {_pct(result['pass_at_1']['b'])}")
    if p:
        console.print(f"paired over {p['tasks']} common tasks: {_pct(p['a'])} -> {_pct(p['b'])}, "
                      f"difference {100 * p['diff']:+.1f} points (95% bootstrap CI "
                      f"{100 * p['ci_low']:+.1f} to {100 * p['ci_high']:+.1f})")
    console.print(f"McNemar exact test: {m['a_only']} pass->fail, {m['b_only']} fail->pass over "
                  f"{m['pairs']} tasks, p = {m['p_value']:.3g}")


def _print_flips(console: Console, f: dict) -> None:
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


def _print_roles(console: Console, result: dict) -> None:
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
