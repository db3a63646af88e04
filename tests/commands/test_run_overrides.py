"""`kateval run` overrides on the command line (--task, --limit, --samples, the budgets,
--role), each also from a KATEVAL_... variable; recorded in run.json and named on resume.
Runs go against a closed port, so every sample ends infra_error at once: no compile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kateval.commands.overrides import Overrides, parse_roles
from kateval.commands.run import RunRequest, resume_hint
from kateval.errors import ConfigError
from tests.conftest import FIXTURES, REPO_ROOT, run_cli

TINY = FIXTURES / "suites" / "tiny.yaml"  # tiny-sum, 3 samples, k [1, 3]
CORE = REPO_ROOT / "suites" / "kotlin-core.yaml"


def closed_models(tmp_path: Path) -> Path:
    """Two endpoints on a port nothing listens on, no retries: every call fails at once."""
    data = {"endpoints": {
        "a": {"base_url": "http://127.0.0.1:9/v1", "model": "m-a", "kind": "chat",
              "max_retries": 0},
        "b": {"base_url": "http://127.0.0.1:9/v1", "model": "m-b", "kind": "completion",
              "max_retries": 0}},
        "roles": {"judge": "a", "builder": "b"}}
    path = tmp_path / "models.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def one_line(proc, code: int) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    return lines[0]


def planned_tasks(stdout: str) -> list[str]:
    return [line.split()[0] for line in stdout.splitlines() if line.startswith("  ")
            and "targets=" in line]


def test_task_globs_and_limit_pick_from_the_suite(tmp_path):
    proc = run_cli("run", "--suite", str(CORE), "--offline", "--dry-run", "--task", "fn-*",
                   "--task", "parse-*", "--limit", "3", env={"COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    tasks = planned_tasks(proc.stdout)
    assert len(tasks) == 3 and all(t.startswith(("fn-", "parse-")) for t in tasks)
    assert "3 tasks x 1 samples" in proc.stdout


def test_every_override_also_comes_from_the_environment(tmp_path):
    proc = run_cli("run", "--dry-run", env={
        "KATEVAL_SUITE": str(CORE), "KATEVAL_OFFLINE": "1", "KATEVAL_TASK": "fn-* model-*",
        "KATEVAL_LIMIT": "2", "KATEVAL_SAMPLES": "4", "COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    assert len(planned_tasks(proc.stdout)) == 2 and "2 tasks x 4 samples" in proc.stdout


@pytest.mark.parametrize("args, code, needles", [
    (["--task", "no-such-*"], 2, ["--task no-such-*", "matches none of the", "kotlin-core"]),
    (["--limit", "0"], 2, ["--limit"]),
    (["--samples", "-1"], 2, ["--samples"]),
    (["--role", "builder"], 2, ["--role builder", "ROLE=ENDPOINT"]),
    (["--role", "critic=mellum"], 2, ["unknown role 'critic'", "judge, builder, fallback"]),
    (["--role", "builder=nope"], 2, ["models.yaml has no endpoint 'nope'", "mellum"]),
    (["--role", "builder=mellum", "--role", "builder=qwen-coder"], 2, ["give each role once"]),
    (["--max-infra-errors", "lots"], 2, ["--max-infra-errors", "10%"]),
])
def test_bad_overrides_are_one_line(args, code, needles):
    line = one_line(run_cli("run", "--suite", str(CORE), "--dry-run", *args), code)
    for needle in needles:
        assert needle in line, line


def test_role_needs_models(tmp_path):
    line = one_line(run_cli("run", "--suite", str(CORE), "--offline", "--dry-run", "--role",
                            "builder=mellum"), 2)
    assert "--offline" in line and "--role" in line


def test_samples_below_k_leaves_that_pass_at_k_out(tmp_path):
    proc = run_cli("run", "--suite", str(TINY), "--offline", "--dry-run", "--samples", "1",
                   env={"COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    assert "pass@3 left out" in proc.stdout and "1 tasks x 1 samples" in proc.stdout


def test_overrides_are_recorded_and_a_resume_names_the_changed_field(tmp_path):
    models, runs, suite = closed_models(tmp_path), tmp_path / "runs", tmp_path / "s.yaml"
    data = yaml.safe_load(TINY.read_text()) | {"tasks_dir": str(FIXTURES / "tasks")}
    suite.write_text(yaml.safe_dump(data))
    base = ["run", "--suite", str(suite), "--models", str(models), "--runs-dir", str(runs),
            "--run-id", "r1"]
    given = ["--samples", "2", "--task", "tiny-*", "--build-slots", "1"]
    first = run_cli(*base, *given, "--role", "builder=a")
    assert one_line(first, 5).startswith("error: nothing graded")
    config = json.loads((runs / "r1" / "run.json").read_text())["config"]
    assert config["overrides"] == {"samples": 2, "task": ["tiny-*"], "build_slots": 1,
                                   "role": {"builder": "a"}}
    assert config["suite"]["samples"] == 2 and config["suite"]["k"] == [1]
    assert config["suite"]["tasks"] == ["tiny-sum"] and config["suite"]["build_slots"] == 1
    assert config["models"]["roles"]["builder"] == "a"
    other = one_line(run_cli(*base, "--samples", "3", *given[2:], "--role", "builder=a"), 2)
    assert "different config: overrides.samples (--samples): 2 in run.json, now 3" in other
    assert "pick a new --run-id" in other
    assert "overrides.role.builder (--role)" in one_line(run_cli(*base, *given), 2)
    suite.write_text(yaml.safe_dump(data | {"max_attempts": 5}))
    changed = one_line(run_cli(*base, *given, "--role", "builder=a"), 2)
    assert "suite.max_attempts: 2 in run.json, now 5" in changed
    suite.write_text(yaml.safe_dump(data))
    same = run_cli(*base, *given, "--role", "builder=a")
    assert "resuming run r1" in same.stdout
    assert one_line(same, 5).startswith("error: nothing graded")


def test_resume_hint_repeats_every_option_given():
    request = RunRequest(
        suite=Path("suites/x.yaml"), models=Path("my models.yaml"), runs_dir=Path("/tmp/r"),
        sandbox="docker", executor="local",
        overrides=Overrides(tasks=("fn-*",), limit=2, samples=3, max_samples=8, build_slots=1,
                            roles=("builder=qwen",)),
        judge_args=("--baseline", "latest", "--max-drop", "0.05"))
    hint = resume_hint(request, "nightly-7")
    assert hint == ("kateval run --suite suites/x.yaml --run-id nightly-7 --models 'my models.yaml' "
                    "--runs-dir /tmp/r --sandbox docker --executor local --task 'fn-*' --limit 2 "
                    "--samples 3 --max-samples 8 --build-slots 1 --role builder=qwen "
                    "--baseline latest --max-drop 0.05")
    plain = resume_hint(RunRequest(suite=Path("s.yaml"), models=Path("models.yaml"),
                                   runs_dir=Path("runs"), offline=True), "r")
    assert plain == "kateval run --suite s.yaml --run-id r --offline"


def test_parse_roles():
    assert parse_roles(["builder=qwen-coder", " judge = r1 "]) == {"builder": "qwen-coder",
                                                                  "judge": "r1"}
    for bad in ("builder", "=x", "builder=", "boss=x"):
        with pytest.raises(ConfigError, match="--role"):
            parse_roles([bad])
