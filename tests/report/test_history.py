"""The SQLite history: indexing, sync, baselines, and `kateval history`."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from rich.console import Console
from typer.testing import CliRunner

from kateval import history
from kateval.cli import app
from kateval.errors import ConfigError

from .kv_runs import edit_summary, make_run


def _db(tmp_path):
    return history.connect(tmp_path / history.DB_NAME)


def test_index_keeps_runs_and_every_sample(tmp_path):
    root = make_run(tmp_path, "r1", {"fn-billable-weight": ["passed", "tests_failed"],
                                     "model-invoice-lines": ["infra_error", "passed"]})
    conn = _db(tmp_path)
    history.index_run(conn, history.load_run(root))
    [run] = history.list_runs(conn)
    assert (run["run_id"], run["suite"], run["passed"], run["graded"]) == ("r1", "demo", 2, 3)
    assert json.loads(run["models"])["builder"] == "JetBrains/Mellum-4b-sft-kotlin"
    assert run["pass_at_1"] == pytest.approx(0.75)  # (1/2 + 1/1) / 2 tasks
    rows = conn.execute("SELECT task, sample, status FROM results ORDER BY task, sample").fetchall()
    assert [tuple(r) for r in rows] == [("fn-billable-weight", 0, "passed"),
                                        ("fn-billable-weight", 1, "tests_failed"),
                                        ("model-invoice-lines", 0, "infra_error"),
                                        ("model-invoice-lines", 1, "passed")]
    history.index_run(conn, history.load_run(root))  # re-indexing replaces, never duplicates
    assert conn.execute("SELECT count(*) FROM results").fetchone()[0] == 4


def test_sync_indexes_new_and_changed_runs_only(tmp_path):
    make_run(tmp_path, "r1", {"fn-billable-weight": ["passed"]})
    (tmp_path / "validate-x").mkdir()  # not a run folder: no run.json
    conn = _db(tmp_path)
    assert history.sync(conn, tmp_path) == 1
    assert history.sync(conn, tmp_path) == 0
    # a rescore appends a record: the last one per sample wins, and sync notices the change
    results = tmp_path / "r1" / "results.jsonl"
    record = json.loads(results.read_text().splitlines()[0]) | {"status": "tests_failed"}
    with open(results, "a") as fh:
        fh.write(json.dumps(record) + "\n")
    assert history.sync(conn, tmp_path) == 1
    assert conn.execute("SELECT status FROM results").fetchone()[0] == "tests_failed"


def test_latest_run_is_complete_same_suite_not_current_and_not_a_rerun(tmp_path):
    ok = {"fn-billable-weight": ["passed"]}
    make_run(tmp_path, "old", ok, started_at="2026-11-01T00:00:00+00:00")
    make_run(tmp_path, "bad", ok, started_at="2026-11-02T00:00:00+00:00")
    edit_summary(make_run(tmp_path, "partial", ok, started_at="2026-11-03T00:00:00+00:00"),
                 complete=False)
    make_run(tmp_path, "other", ok, started_at="2026-11-04T00:00:00+00:00", suite="other")
    rerun = make_run(tmp_path, "rerun", ok, started_at="2026-11-05T00:00:00+00:00")
    (rerun / history.RERUN_MARKER).write_text("{}")
    make_run(tmp_path, "now", ok, started_at="2026-11-06T00:00:00+00:00")
    conn = _db(tmp_path)
    history.sync(conn, tmp_path)
    assert history.latest_run_id(conn, "demo", exclude="now") == "bad"
    history.record_gate(conn, "bad", "failed", "pass@1 dropped")
    assert history.latest_run_id(conn, "demo", exclude="now") == "bad"
    assert history.latest_run_id(conn, "demo", exclude="now", good_only=True) == "old"
    assert history.latest_run_id(conn, "nothing", exclude="now") is None
    history.sync(conn, tmp_path)  # re-indexing keeps the recorded gate outcome
    assert history.latest_run_id(conn, "demo", exclude="now", good_only=True) == "old"


def test_a_run_outlives_its_folder_in_the_database(tmp_path):
    root = make_run(tmp_path, "gone", {"fn-billable-weight": ["passed", "tests_failed"]})
    conn = _db(tmp_path)
    history.sync(conn, tmp_path)
    shutil.rmtree(root)
    run = history.resolve_run("gone", tmp_path, conn)
    assert run.root is None and run.suite == "demo"
    assert [x["status"] for x in run.results] == ["passed", "tests_failed"]
    with pytest.raises(ConfigError,
                       match="run .missing.: no run folder .*check the id with `kateval history`"):
        history.resolve_run("missing", tmp_path, conn)


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / history.DB_NAME
    sqlite3.connect(path).execute("PRAGMA user_version = 99")
    with pytest.raises(ConfigError, match="schema v99 is newer"):
        history.connect(path)


def test_history_command_lists_runs_and_one_task(tmp_path):
    from kateval.commands.history import history_command

    make_run(tmp_path, "mon", {"fn-billable-weight": ["passed", "passed"],
                               "model-invoice-lines": ["passed", "passed"]},
             started_at="2026-11-02T00:00:00+00:00")
    make_run(tmp_path, "tue", {"fn-billable-weight": ["tests_failed", "passed"],
                               "model-invoice-lines": ["passed", "passed"]},
             started_at="2026-11-03T00:00:00+00:00")
    console = Console(record=True, width=220)
    history_command(console, runs_dir=tmp_path, task=None)
    text = console.export_text()
    assert text.index("tue") < text.index("mon")  # newest first
    assert "75.0%" in text and "100.0%" in text and "pass@2=" in text
    console = Console(record=True, width=220)
    history_command(console, runs_dir=tmp_path, task="fn-billable-weight")
    text = console.export_text()
    assert "1/2" in text and "2/2" in text and "passed×1 tests_failed×1" in text
    with pytest.raises(ConfigError, match="no result for task 'nope'.*known: fn-billable-weight"):
        history_command(console, runs_dir=tmp_path, task="nope")


def test_history_cli(tmp_path):
    make_run(tmp_path, "cli-run", {"fn-billable-weight": ["passed"]})
    result = CliRunner().invoke(app, ["history", "--runs-dir", str(tmp_path)],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "cli-run" in result.output
    assert (tmp_path / history.DB_NAME).is_file()
