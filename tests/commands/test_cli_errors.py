"""A user's mistake on the command line is one line on stderr and exit 2, never a traceback.
Each case runs the installed `kateval` entry point as a new user would."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, run_cli

TINY = FIXTURES / "suites" / "tiny1.yaml"


def one_line_exit_2(proc, *needles: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("args, needle", [
    (["run", "--bogus"], "--bogus"),
    (["nosuchcmd"], "nosuchcmd"),
    (["run"], "--suite"),
    (["rescore"], "RUN"),
    (["run", "--suite", str(TINY), "--max-drop", "abc"], "--max-drop"),
])
def test_usage_errors_are_one_line(args, needle):
    one_line_exit_2(run_cli(*args), needle)


def test_help_still_exits_0():
    proc = run_cli("run", "--help")
    assert proc.returncode == 0 and "--suite" in proc.stdout


def test_non_utf8_suite_is_one_line(tmp_path):
    suite = tmp_path / "s.yaml"
    suite.write_bytes("name: caf\xe9\n".encode("latin-1"))
    one_line_exit_2(run_cli("run", "--suite", str(suite), "--offline", "--dry-run"),
                    str(suite), "UTF-8")


def test_suite_that_is_a_folder_is_one_line(tmp_path):
    one_line_exit_2(run_cli("run", "--suite", str(tmp_path), "--offline", "--dry-run"),
                    str(tmp_path))


def test_empty_task_selection_is_one_line(tmp_path):
    suite = tmp_path / "s.yaml"
    suite.write_text(yaml.safe_dump({"name": "empty", "tasks": [],
                                     "tasks_dir": str(FIXTURES / "tasks")}))
    one_line_exit_2(run_cli("run", "--suite", str(suite), "--offline", "--dry-run"),
                    "selects no task")


@pytest.mark.parametrize("url", ["not a url", "localhost:8002/v1", "http://:80/v1",
                                 "http://localhost:80x/v1"])
def test_invalid_endpoint_url_is_one_line(tmp_path, url):
    models = yaml.safe_load((Path(__file__).parents[2] / "models.yaml").read_text())
    first = sorted(models["endpoints"])[0]
    models["endpoints"][first]["base_url"] = url
    path = tmp_path / "models.yaml"
    path.write_text(yaml.safe_dump(models))
    one_line_exit_2(run_cli("run", "--suite", str(TINY), "--models", str(path), "--dry-run"),
                    str(path), f"endpoints.{first}.base_url")


def _bad_runs(tmp_path: Path) -> Path:
    runs = tmp_path / "runs"
    for name, text in (("torn", "{broken"), ("list", "[]"), ("foreign", '{"run_id": "x"}')):
        (runs / name).mkdir(parents=True)
        (runs / name / "run.json").write_text(text)
    return runs


@pytest.mark.parametrize("args, needle", [
    (["run", "--suite", "{tmp}", "--offline", "--dry-run"], "is a folder"),
    (["run", "--suite", str(TINY), "--models", "{tmp}", "--dry-run"], "is a folder"),
    (["run", "--suite", str(TINY), "--offline", "--dry-run", "--executor", "nope"], "--executor"),
    (["run", "--suite", str(TINY), "--dry-run", "--replay", "{tmp}"], "has no cache/ folder"),
    (["run", "--suite", str(TINY), "--offline", "--baseline", "typo", "--runs-dir", "{tmp}"],
     "--baseline: run 'typo'"),
    (["run", "--suite", str(TINY), "--samples", "1.5", "--dry-run"], "--samples"),
    (["report", "torn", "--runs-dir", "{runs}"], "run.json: not valid JSON"),
    (["rescore", "list", "--runs-dir", "{runs}"], "run.json: not a JSON object"),
    (["compare", "torn", "list", "--runs-dir", "{runs}"], "run.json: not valid JSON"),
    (["rescore", "foreign", "--runs-dir", "{runs}"], "not a run.json kateval wrote"),
    (["report", "a", "b"], "--variants"),
])
def test_new_user_mistakes_are_one_line(tmp_path, args, needle):
    runs = _bad_runs(tmp_path)
    args = [a.replace("{tmp}", str(tmp_path)).replace("{runs}", str(runs)) for a in args]
    one_line_exit_2(run_cli(*args), needle)


def test_an_option_from_a_bad_environment_variable_names_it():
    one_line_exit_2(run_cli("run", "--suite", str(TINY), "--dry-run", env={"KATEVAL_LIMIT": "x"}),
                    "KATEVAL_LIMIT")


def test_a_corrupt_history_database_is_one_line(tmp_path):
    (tmp_path / "kateval.db").write_text("not a database " * 20)
    one_line_exit_2(run_cli("history", "--runs-dir", str(tmp_path)),
                    f"{tmp_path / 'kateval.db'}: unusable history database", "move it aside")
