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
