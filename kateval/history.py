"""Run folders as data, and the SQLite history that indexes every run and sample result.

The database (default runs/kateval.db) keeps each run's run.json and summary.json and one row
per sample, so a baseline can be gated against after its run folder is gone (CI keeps only the
database between nightly jobs).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import yaml

from kateval.compare import RunData
from kateval.errors import ConfigError
from kateval.runs import RunDir
from kateval.scoring import groups, library_names, summarize

DB_NAME = "kateval.db"
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
  run_id TEXT PRIMARY KEY, root TEXT, suite TEXT, mode TEXT, kind TEXT, models TEXT,
  started_at TEXT, finished_at TEXT, complete INTEGER, planned INTEGER, samples INTEGER,
  graded INTEGER, passed INTEGER, pass_at_1 REAL, cost_usd REAL, gate TEXT, gate_reason TEXT,
  meta_json TEXT, summary_json TEXT, source_stamp TEXT, indexed_at TEXT);
CREATE TABLE IF NOT EXISTS results (
  run_id TEXT, task TEXT, sample INTEGER, status TEXT, detail TEXT, pass_attempt INTEGER,
  producer TEXT, duration_s REAL, finished_at TEXT, category TEXT, difficulty TEXT,
  PRIMARY KEY (run_id, task, sample));
CREATE INDEX IF NOT EXISTS results_task ON results(task);
CREATE INDEX IF NOT EXISTS runs_suite ON runs(suite, started_at);
"""
RERUN_MARKER = "rerun-of.json"


# ---------------------------------------------------------------- run folders
def read_calls(root: Path) -> list[dict]:
    """Every calls.jsonl line under samples/, tagged with task, sample and attempt."""
    calls = []
    samples = Path(root) / "samples"
    paths = sorted(samples.glob("*/*/attempt-*/calls.jsonl")) + \
        sorted(samples.glob("*/*/superseded/*/attempt-*/calls.jsonl"))
    for path in paths:
        rel = path.relative_to(samples).parts
        tag = {"task": rel[0], "sample": int(rel[1]) if rel[1].isdigit() else rel[1],
               "attempt": rel[-2].removeprefix("attempt-")}
        if len(rel) > 4:
            tag["superseded"] = int(rel[3]) if rel[3].isdigit() else rel[3]
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                calls.append(json.loads(line) | tag)
            except json.JSONDecodeError:  # a torn line from a killed run
                continue
    return calls


def _summary_from_results(run: RunDir, meta: dict, results: list[dict]) -> dict:
    config = meta.get("config", {})
    suite = config.get("suite", {})
    attempts = 1 if config.get("mode") == "offline" else suite.get("max_attempts", 1)
    ks = [k for k in suite.get("k", [1]) if k <= suite.get("samples", 1)] or [1]
    summary = summarize(results, ks, attempts, task_info_of(meta, {r["task"] for r in results}))
    return summary | {"run_id": run.root.name, "suite": suite.get("name", "?"),
                      "planned": len(results), "complete": False}


def task_info_of(meta: dict, task_ids: set[str]) -> dict[str, dict]:
    """Category, tags and libraries of a run's tasks, read from their task.yaml in the run's
    tasks_dir (results records carry no tags); a task whose folder is gone is left out."""
    tasks_dir = Path(meta["tasks_dir"]) if meta.get("tasks_dir") else None
    info = {}
    for task in sorted(task_ids) if tasks_dir else []:
        try:
            spec = yaml.safe_load((tasks_dir / task / "task.yaml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(spec, dict):
            tags = spec.get("tags") if isinstance(spec.get("tags"), list) else []
            info[task] = {"category": spec.get("category"), "tags": [str(t) for t in tags],
                          "libraries": library_names(spec.get("dependencies"))}
    return info


def load_run(root: Path) -> RunData:
    """Read a run folder. A missing summary.json (a run killed hard) is recomputed."""
    run = RunDir(Path(root))
    meta = run.read_json("run.json")
    results = [r for _, r in sorted(run.latest_results().items())]
    summary_path = run.root / "summary.json"
    summary = (json.loads(summary_path.read_text()) if summary_path.is_file()
               else _summary_from_results(run, meta, results))
    if "by_category" not in summary:  # written before per-category results
        summary |= groups(results, task_info_of(meta, {r["task"] for r in results}))
    return RunData(run_id=meta.get("run_id", run.root.name), meta=meta, summary=summary,
                   results=results, calls=read_calls(run.root), root=run.root)


def resolve_run(ref: str, runs_dir: Path, conn: sqlite3.Connection | None = None) -> RunData:
    """A run by folder path or run id: its folder if present, else its history record."""
    for candidate in (Path(ref), Path(runs_dir) / ref):
        if (candidate / "run.json").is_file():
            return load_run(candidate)
    if conn is not None:
        stored = from_db(conn, ref)
        if stored is not None:
            return stored
    where = f" and no such run in {Path(runs_dir) / DB_NAME}" if conn is not None else ""
    raise ConfigError(f"run '{ref}': no run folder {Path(runs_dir) / ref}{where}; check the id "
                      "with `kateval history`")


# ---------------------------------------------------------------- the database
def connect(db_path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the history database; refuses a newer schema than ours."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, timeout=30)  # parallel runs may index at the same time
    conn.row_factory = sqlite3.Row
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise ConfigError(f"{db_path}: history schema v{version} is newer than this kateval "
                          f"(v{SCHEMA_VERSION}); upgrade kateval or use another --runs-dir")
    conn.executescript(SCHEMA)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return conn


def _stamp(root: Path) -> str:
    """Changes whenever the run's results or summary change, so sync re-indexes only those."""
    parts = []
    for name in ("results.jsonl", "summary.json"):
        path = root / name
        parts.append(f"{path.stat().st_mtime_ns}:{path.stat().st_size}" if path.is_file() else "-")
    return "|".join(parts)


def _models(meta: dict) -> str:
    models = (meta.get("config") or {}).get("models") or {}
    endpoints = models.get("endpoints") or {}
    roles = {role: endpoints.get(name, {}).get("model", name)
             for role, name in (models.get("roles") or {}).items()}
    return json.dumps(roles, sort_keys=True)


def index_run(conn: sqlite3.Connection, run: RunData) -> None:
    """Insert or replace one run and its sample results; keeps a recorded gate outcome."""
    s = run.summary
    finished = max((r.get("finished_at") or "" for r in run.results), default="") or None
    kind = "rerun" if run.root is not None and (run.root / RERUN_MARKER).is_file() else "run"
    row = {"run_id": run.run_id, "root": str(run.root) if run.root else None,
           "suite": run.suite, "mode": (run.meta.get("config") or {}).get("mode"), "kind": kind,
           "models": _models(run.meta), "started_at": run.meta.get("started_at"),
           "finished_at": finished, "complete": int(bool(s.get("complete"))),
           "planned": s.get("planned"), "samples": s.get("samples"), "graded": s.get("graded"),
           "passed": s.get("passed"), "pass_at_1": s.get("pass@1"), "cost_usd": s.get("cost_usd"),
           "meta_json": json.dumps(run.meta), "summary_json": json.dumps(s),
           "source_stamp": _stamp(run.root) if run.root else None,
           "indexed_at": datetime.now(timezone.utc).isoformat()}
    with conn:
        old = conn.execute("SELECT gate, gate_reason FROM runs WHERE run_id = ?",
                           (run.run_id,)).fetchone()
        row |= {"gate": old["gate"] if old else None,
                "gate_reason": old["gate_reason"] if old else None}
        conn.execute(f"INSERT OR REPLACE INTO runs ({', '.join(row)}) "
                     f"VALUES ({', '.join(':' + k for k in row)})", row)
        conn.execute("DELETE FROM results WHERE run_id = ?", (run.run_id,))
        conn.executemany(
            "INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(run.run_id, r["task"], r["sample"], r["status"], r.get("detail"),
              r.get("pass_attempt"), r.get("producer"), r.get("duration_s"),
              r.get("finished_at"), r.get("category"), r.get("difficulty"))
             for r in run.results])


def sync(conn: sqlite3.Connection, runs_dir: Path) -> int:
    """Index run folders that are new or changed since last indexed; returns how many."""
    known = {row["run_id"]: row["source_stamp"]
             for row in conn.execute("SELECT run_id, source_stamp FROM runs")}
    count = 0
    for root in sorted(p for p in Path(runs_dir).glob("*") if (p / "run.json").is_file()):
        try:
            run_id = RunDir(root).read_json("run.json").get("run_id", root.name)
        except ConfigError:  # a half-written run.json is not a run yet
            continue
        if known.get(run_id) != _stamp(root):
            index_run(conn, load_run(root))
            count += 1
    return count


def record_gate(conn: sqlite3.Connection, run_id: str, outcome: str, reason: str) -> None:
    """passed | failed | skipped: 'last-good' baselines skip runs whose gate failed."""
    with conn:
        conn.execute("UPDATE runs SET gate = ?, gate_reason = ? WHERE run_id = ?",
                     (outcome, reason, run_id))


def latest_run_id(conn: sqlite3.Connection, suite: str, exclude: str,
                  good_only: bool = False, mode: str | None = None) -> str | None:
    """The latest complete run of `suite` (not a gate re-run), other than `exclude`; with
    `mode`, only runs of that kind (models or offline): a gold run is no model's baseline."""
    row = conn.execute(
        "SELECT run_id FROM runs WHERE suite = ? AND run_id != ? AND complete = 1 "
        "AND kind = 'run' " + ("AND coalesce(gate, '') != 'failed' " if good_only else "")
        + ("AND coalesce(mode, '') = ? " if mode else "")
        + "ORDER BY started_at DESC, indexed_at DESC LIMIT 1",
        (suite, exclude) + ((mode,) if mode else ())).fetchone()
    return row["run_id"] if row else None


def from_db(conn: sqlite3.Connection, run_id: str) -> RunData | None:
    """A run rebuilt from its history record (no calls: those stay in the run folder)."""
    row = conn.execute("SELECT * FROM runs WHERE run_id = ?", (run_id,)).fetchone()
    if row is None:
        return None
    results = [dict(r) | {"attempts": []} for r in conn.execute(
        "SELECT task, sample, status, detail, pass_attempt, producer, duration_s, finished_at, "
        "category, difficulty FROM results WHERE run_id = ? ORDER BY task, sample", (run_id,))]
    return RunData(run_id=run_id, meta=json.loads(row["meta_json"]),
                   summary=json.loads(row["summary_json"]), results=results)


def list_runs(conn: sqlite3.Connection, limit: int = 50) -> list[dict]:
    """The newest `limit` runs with their headline numbers."""
    return [dict(r) for r in conn.execute(
        "SELECT run_id, suite, mode, kind, models, started_at, complete, planned, samples, "
        "graded, passed, pass_at_1, cost_usd, gate, summary_json FROM runs "
        "ORDER BY started_at DESC LIMIT ?", (limit,))]


def task_history(conn: sqlite3.Connection, task: str) -> list[dict]:
    """One row per run that has the task: its statuses and pass rate over the graded samples."""
    return [dict(r) for r in conn.execute(
        "SELECT r.run_id, r.suite, r.started_at, r.models, count(*) AS samples, "
        "sum(x.status = 'passed') AS passed, "
        "sum(x.status NOT IN ('model_error', 'infra_error')) AS graded, "
        "group_concat(x.status, ',') AS statuses "
        "FROM results x JOIN runs r ON r.run_id = x.run_id WHERE x.task = ? "
        "GROUP BY r.run_id ORDER BY r.started_at", (task,))]


def known_tasks(conn: sqlite3.Connection) -> list[str]:
    """Every task id with a result in the history."""
    return [r[0] for r in conn.execute("SELECT DISTINCT task FROM results ORDER BY task")]
