"""What a new user hits first: --version, shell completion, an env variable for every option,
--json, history at 80 columns, rescore by run id, doctor's rows, an unwritable runs folder,
the Ctrl-C resume hint, and pytest not being a runtime dependency."""

from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import re
import time

import pytest
import typer.main
from rich.console import Console
from typer.testing import CliRunner

from kateval import cli
from kateval.cli import app
from tests.commands.test_run_overrides import closed_models, one_line
from tests.conftest import FIXTURES, REPO_ROOT, run_cli, sigint_default
from tests.report.kv_runs import make_run
from tests.scripted_server import ScriptedServer

TINY1 = FIXTURES / "suites" / "tiny1.yaml"
LONG_ID = "kotlin-core-20261203-221500-9f3a"


def test_version():
    proc = run_cli("--version", cwd=FIXTURES)  # outside the checkout: still the version
    assert proc.returncode == 0 and proc.stdout.startswith("kateval 0.1.0"), proc.stderr


def test_the_version_names_a_commit_only_in_kateval_s_own_checkout(tmp_path):
    from kateval.runs import kateval_git_sha, version_label

    assert kateval_git_sha(REPO_ROOT) == subprocess.run(
        ["git", "-C", str(REPO_ROOT), "rev-parse", "HEAD"], capture_output=True,
        text=True).stdout.strip()
    venv = tmp_path / "project"  # a user's repository with kateval installed inside its venv
    site = venv / ".venv" / "lib" / "site-packages"
    (site / "kateval").mkdir(parents=True)
    git = ["git", "-c", "user.email=t@t", "-c", "user.name=t", "-C", str(venv)]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["commit", "-q", "--allow-empty", "-m", "x"], check=True)
    assert kateval_git_sha(site) is None and kateval_git_sha(tmp_path / "nowhere") is None
    assert version_label(None) == "kateval 0.1.0"
    assert version_label("0123456789abcdef") == "kateval 0.1.0 (git 0123456789ab)"


def test_shell_completion_script_and_completions():
    # --show-completion names the shell it finds among its parents (shellingham), so it
    # runs under bash here, as from a user's terminal, whatever started the tests.
    proc = subprocess.run(["bash", "-c", "kateval --show-completion; exit $?"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "_KATEVAL_COMPLETE" in proc.stdout, proc.stderr
    done = run_cli(env={"_KATEVAL_COMPLETE": "complete_bash", "COMP_WORDS": "kateval hist",
                        "COMP_CWORD": "1"})
    assert "history" in done.stdout.split(), (done.stdout, done.stderr)


def _options():
    command = typer.main.get_command(app)
    stack = [(command.name, command)]
    while stack:
        name, cmd = stack.pop()
        for sub_name, sub in getattr(cmd, "commands", {}).items():
            stack.append((f"{name} {sub_name}", sub))
        for param in cmd.params:
            if param.param_type_name == "option" and param.name not in (
                    "help", "install_completion", "show_completion", "version"):
                yield name, param


def test_every_option_has_a_kateval_environment_variable():
    seen: dict[str, set[str]] = {}
    for command, option in _options():
        assert option.envvar and option.envvar.startswith("KATEVAL_"), (command, option.name)
        seen.setdefault(option.envvar, set()).add(option.opts[0])
    # one variable, one meaning: a shared name only where the flag is the same everywhere
    assert all(len(flags) == 1 for flags in seen.values()), seen
    assert {"KATEVAL_SUITE", "KATEVAL_MODELS", "KATEVAL_RUNS_DIR", "KATEVAL_TASK",
            "KATEVAL_LIMIT", "KATEVAL_SAMPLES", "KATEVAL_ROLE", "KATEVAL_JSON"} <= set(seen)


def _runs(tmp_path):
    make_run(tmp_path, LONG_ID, {"fn-billable-weight": ["passed", "tests_failed"],
                                 "model-invoice-lines": ["passed", "passed"]},
             started_at="2026-12-03T22:15:00+00:00")
    make_run(tmp_path, "mon", {"fn-billable-weight": ["passed", "passed"],
                               "model-invoice-lines": ["passed", "passed"]},
             started_at="2026-11-02T00:00:00+00:00")


def _history(*args: str, columns: int):
    """`kateval history` on a terminal `columns` wide. The CLI's console takes its width when
    kateval.cli is imported (once per process in real use), so a test sets the console, not
    COLUMNS: under pytest-xdist a worker's COLUMNS is fixed before any test runs."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "console", Console(width=columns))
        return CliRunner().invoke(app, ["history", *args])


def test_history_fits_80_columns_without_cutting_what_it_shows(tmp_path):
    _runs(tmp_path)
    result = _history("--runs-dir", str(tmp_path), columns=80)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80, result.output
    assert "…" not in result.output  # nothing shown is cut
    assert any(LONG_ID in line for line in lines)  # the id, whole, to copy
    assert "75.0%" in result.output and "3/4" in result.output and "100.0%" in result.output
    wide = _history("--runs-dir", str(tmp_path), columns=220)
    assert "pass@2=" in wide.output and "builder" in wide.output
    task = _history("--runs-dir", str(tmp_path), "--task", "fn-billable-weight", columns=80)
    assert task.exit_code == 0 and max(len(x) for x in task.output.splitlines()) <= 80
    assert "1/2" in task.output and "…" not in task.output


def test_history_and_compare_json(tmp_path):
    _runs(tmp_path)
    runs = json.loads(CliRunner().invoke(app, ["history", "--json", "--runs-dir",
                                               str(tmp_path)]).output)
    assert [r["run_id"] for r in runs] == [LONG_ID, "mon"]
    assert runs[0]["pass@1"] == 0.75 and runs[0]["passed"] == 3 and runs[0]["graded"] == 4
    one = json.loads(CliRunner().invoke(app, ["history", "--json", "--runs-dir", str(tmp_path),
                                              "--task", "fn-billable-weight"]).output)
    assert one[-1]["statuses"] == {"passed": 1, "tests_failed": 1}
    result = CliRunner().invoke(app, ["compare", "mon", LONG_ID, "--json", "--runs-dir",
                                      str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["a"] == "mon" and data["b"] == LONG_ID and "mcnemar" in data


def test_doctor_json_has_node_and_gradle_rows():
    proc = run_cli("doctor", "--json")
    assert proc.returncode in (0, 3), proc.stderr
    checks = {c["name"]: c for c in json.loads(proc.stdout)["checks"]}
    node = checks["Node.js (JS tests)"]
    assert node["required"] and node["ok"] and node["version"].startswith("v")
    gradle = next(c for name, c in checks.items() if name.startswith("gradle"))
    assert not gradle["required"] and ("KATEVAL_GRADLE" in gradle["fix"])


def test_rescore_takes_a_run_id(tmp_path):
    runs = tmp_path / "runs"
    one_line(run_cli("run", "--suite", str(TINY1), "--models", str(closed_models(tmp_path)),
                     "--runs-dir", str(runs), "--run-id", "r7"), 5)
    proc = run_cli("rescore", "r7", "--runs-dir", str(runs))
    assert proc.returncode == 0, proc.stderr
    assert "rescored 1 samples; 0 changed status" in proc.stdout
    line = one_line(run_cli("rescore", "nope", "--runs-dir", str(runs)), 2)
    assert "run 'nope'" in line and "kateval history" in line


@pytest.mark.parametrize("command", [["run", "--suite", str(TINY1), "--offline"],
                                     ["history"], ["validate", "--suite", str(TINY1)]])
def test_an_unwritable_runs_folder_is_one_line_naming_it(tmp_path, command):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    line = one_line(run_cli(*command, "--runs-dir", str(blocker)), 2)
    assert f"{blocker}: cannot write the runs folder there: it is a file" in line
    assert "--runs-dir" in line
    if command[0] != "history":  # history of a missing folder: no runs, and nothing made
        line = one_line(run_cli(*command, "--runs-dir", str(blocker / "runs")), 2)
        assert f"{blocker / 'runs'}: cannot write the runs folder (Not a directory)" in line
    assert blocker.read_text() == "not a folder"


def test_history_of_a_folder_that_does_not_exist_creates_nothing(tmp_path):
    proc = run_cli("history", "--runs-dir", str(tmp_path / "none"))
    assert proc.returncode == 0 and "no runs in" in proc.stdout
    assert json.loads(run_cli("history", "--json", "--runs-dir", str(tmp_path / "none")).stdout) == []
    assert not (tmp_path / "none").exists()


def test_ctrl_c_hint_repeats_the_options_given(tmp_path):
    srv = ScriptedServer().start()
    srv.script("judge-m", [{"sleep": 300, "text": "{}"}])
    models = tmp_path / "m.yaml"
    models.write_text(closed_models(tmp_path).read_text().replace("http://127.0.0.1:9/v1",
                                                                  srv.base_url)
                      .replace("m-a", "judge-m"))
    runs = tmp_path / "runs"
    cmd = ["kateval", "run", "--suite", str(TINY1), "--models", str(models), "--runs-dir",
           str(runs), "--run-id", "cc", "--sandbox", "none", "--limit", "1"]
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, preexec_fn=sigint_default)
    try:
        deadline = time.monotonic() + 120
        while not srv.calls("judge-m", "/v1/chat/completions"):
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.1)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        srv.stop()
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in err
    hint = err.split("resume with: ", 1)[1].split()
    for flag, value in (("--runs-dir", str(runs)), ("--models", str(models)),
                        ("--sandbox", "none"), ("--limit", "1"), ("--run-id", "cc")):
        assert hint[hint.index(flag) + 1] == value, err


def test_pytest_is_not_a_runtime_dependency():
    text = (REPO_ROOT / "pyproject.toml").read_text()
    runtime = re.search(r"^dependencies = \[(.*?)^\]", text, re.M | re.S).group(1)
    test_extra = re.search(r"^test = \[(.*?)^\]", text, re.M | re.S).group(1)
    assert '"pytest' not in runtime and '"pytest>=' in test_extra
    for path in (REPO_ROOT / "kateval").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] in ("pytest", "_pytest") for n in names), path


def test_the_report_header_names_the_kateval_that_made_the_run(tmp_path):
    from kateval import history
    from kateval.commands.report import write_reports

    root = make_run(tmp_path, "outside", {"fn-billable-weight": ["passed"]})
    meta = json.loads((root / "run.json").read_text())
    meta["git_sha"] = None  # run outside kateval's checkout
    (root / "run.json").write_text(json.dumps(meta))
    page = write_reports(history.load_run(root))["report.html"].read_text()
    assert "kateval 0.1.0" in page and "git ?" not in page and "<code>?</code>" not in page
