"""`kateval history`: past runs, or one task over time, from the history database."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

from rich.console import Console

from kateval import history
from kateval.commands.tables import Column, fitted, print_json
from kateval.errors import ConfigError
from kateval.runs import ensure_writable

OFFLINE = "gold (offline)"


def _counts(statuses: str) -> str:
    """'passed,tests_failed,passed' -> 'passed×2 tests_failed×1'."""
    return " ".join(f"{s}×{n}" for s, n in sorted(Counter(statuses.split(",")).items()))


def pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _started(row: dict) -> str:
    return (row["started_at"] or "")[:16].replace("T", " ")


def _builder(row: dict) -> str:
    return json.loads(row["models"] or "{}").get("builder") or OFFLINE


def _pass_k(summary: dict) -> dict[str, float | None]:
    ks = sorted((k for k in summary if k.startswith("pass@") and k[5:].isdigit()
                 and k != "pass@1"), key=lambda k: int(k[5:]))
    return {k: summary[k] for k in ks}


def open_history(runs_dir: Path):
    """The history database, indexed up to date; one line naming the folder or the database
    file if it cannot be."""
    ensure_writable(runs_dir, "the runs folder", "--runs-dir")
    db_path = Path(runs_dir) / history.DB_NAME
    try:
        conn = history.connect(db_path)
        history.sync(conn, runs_dir)
    except sqlite3.Error as exc:
        raise ConfigError(f"{db_path}: unusable history database ({exc}); move it aside (kateval "
                          "indexes the run folders again) or pick another --runs-dir") from None
    return conn


def history_command(console: Console, *, runs_dir: Path, task: str | None,
                    as_json: bool = False) -> None:
    """List runs (newest first) or one task over time; indexes new run folders first."""
    if not Path(runs_dir).exists() and not task:  # nothing to list: create nothing either
        print_json(console, []) if as_json else console.print(
            f"no runs in {runs_dir}; start one with `kateval run --suite ...`")
        return
    conn = open_history(runs_dir)
    if task:
        _task_history(console, conn, runs_dir, task, as_json)
        return
    rows = history.list_runs(conn)
    if as_json:
        print_json(console, [_run_json(r) for r in rows])
        return
    if not rows:
        console.print(f"no runs in {runs_dir}; start one with `kateval run --suite ...`")
        return
    columns = [Column("run", fold=True), Column("started", drop=6), Column("suite", drop=3),
               Column("builder", drop=2), Column("pass@1"), Column("pass@k", drop=1),
               Column("passed"), Column("complete", drop=4), Column("gate", drop=7),
               Column("cost", drop=5)]
    console.print(fitted(console, f"runs in {runs_dir}", columns, [_run_row(r) for r in rows]))


def _run_row(r: dict) -> list[str]:
    summary = json.loads(r["summary_json"] or "{}")
    pass_k = " ".join(f"{k}={pct(v)}" for k, v in _pass_k(summary).items())
    return [r["run_id"], _started(r), r["suite"], _builder(r), pct(r["pass_at_1"]), pass_k,
            f"{r['passed']}/{r['graded']}", "yes" if r["complete"] else "no", r["gate"] or "",
            "" if r["cost_usd"] is None else f"${r['cost_usd']:.4f}"]


def _run_json(r: dict) -> dict:
    summary = json.loads(r["summary_json"] or "{}")
    return {"run_id": r["run_id"], "started_at": r["started_at"], "suite": r["suite"],
            "mode": r["mode"], "kind": r["kind"], "models": json.loads(r["models"] or "{}"),
            "pass@1": r["pass_at_1"], **_pass_k(summary), "passed": r["passed"],
            "graded": r["graded"], "samples": r["samples"], "planned": r["planned"],
            "complete": bool(r["complete"]), "gate": r["gate"], "cost_usd": r["cost_usd"]}


def _task_history(console: Console, conn, runs_dir: Path, task: str, as_json: bool) -> None:
    rows = history.task_history(conn, task)
    if not rows:
        known = ", ".join(history.known_tasks(conn)[:10]) or "none yet"
        raise ConfigError(f"--task: no result for task '{task}' in "
                          f"{runs_dir / history.DB_NAME} (known: {known}); check the id")
    if as_json:
        print_json(console, [{"run_id": r["run_id"], "started_at": r["started_at"],
                              "suite": r["suite"], "models": json.loads(r["models"] or "{}"),
                              "passed": r["passed"], "graded": r["graded"],
                              "statuses": dict(Counter(r["statuses"].split(",")))}
                             for r in rows])
        return
    columns = [Column("run", fold=True), Column("started", drop=3), Column("suite", drop=1),
               Column("builder", drop=2), Column("passed"), Column("statuses", drop=4)]
    console.print(fitted(console, f"task {task} over time", columns, [
        [r["run_id"], _started(r), r["suite"], _builder(r), f"{r['passed']}/{r['graded']}",
         _counts(r["statuses"])] for r in rows]))
