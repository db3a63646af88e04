"""The nightly job: .github/workflows/nightly.yml and suites/nightly.yaml.

The tests read the step scripts out of the workflow and run them with bash, as the runner
would, with GitHub's ${{ ... }} expressions replaced by test values. The run step gains only
--offline and --sandbox local (no endpoints, no Docker here) and runs in a scratch checkout
whose suites/nightly.yaml is the real one narrowed to one task.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kateval import history
from kateval.config import load_suite

from .kv_runs import REPO

WORKFLOW = REPO / ".github" / "workflows" / "nightly.yml"
SUITE = REPO / "suites" / "nightly.yaml"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def job() -> dict:
    return workflow()["jobs"]["nightly"]


def step(name: str) -> dict:
    found = [s for s in job()["steps"] if s.get("name") == name]
    assert len(found) == 1, f"no single step named {name!r}"
    return found[0]


def expand(text: str, values: dict[str, str]) -> str:
    """Replace each ${{ expression }} by its test value; an unknown expression fails the test."""
    def one(match: re.Match) -> str:
        expression = match.group(1).strip()
        if expression.startswith("secrets."):
            return values.get(expression, "")
        assert expression in values, f"no test value for ${{{{ {expression} }}}}"
        return values[expression]
    return re.sub(r"\$\{\{(.*?)\}\}", one, text)


def job_env(values: dict[str, str]) -> dict[str, str]:
    env = {k: expand(str(v), values) for k, v in job()["env"].items()}
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("KATEVAL_MODELS", "GITHUB_"))}
    return keep | env | {"COLUMNS": "300"}


def run_step(name: str, cwd: Path, values: dict[str, str], extra: str = "",
             env: dict | None = None) -> subprocess.CompletedProcess:
    s = step(name)
    script = expand(s["run"], values) + extra
    step_env = {k: expand(str(v), values) for k, v in (s.get("env") or {}).items()}
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, capture_output=True, text=True,
                          env=job_env(values) | step_env | (env or {}), timeout=900)


def values(run_id: str) -> dict[str, str]:
    return {"github.run_id": run_id, "github.run_attempt": "1", "github.workspace": str(REPO),
            "inputs.max_drop || '0.05'": "0.05"}


def _checkout(tmp_path: Path, **changes) -> Path:
    """A scratch checkout whose suites/nightly.yaml is the real one with `changes`."""
    suite = yaml.safe_load(SUITE.read_text()) | {"tasks_dir": str(REPO / "tasks")} | changes
    (tmp_path / "suites").mkdir()
    (tmp_path / "suites" / "nightly.yaml").write_text(yaml.safe_dump(suite))
    return tmp_path


# ---------------------------------------------------------------- the workflow's shape
def test_the_workflow_runs_nightly_and_on_demand():
    wf = workflow()
    triggers = wf.get("on") or wf.get(True)  # YAML 1.1 reads the bare key `on` as true
    assert triggers["schedule"][0]["cron"].count(" ") == 4
    assert "max_drop" in triggers["workflow_dispatch"]["inputs"]
    assert wf["permissions"] == {"contents": "read"}


def test_the_steps_cover_install_sandbox_run_gate_history_summary_and_artifacts():
    names = [s.get("name") or s["uses"] for s in job()["steps"]]
    order = ["Install kateval", "Hash the sandbox image inputs", "Restore the sandbox image",
             "Build the sandbox image", "Write the endpoints file", "Restore the run history",
             "Run the nightly suite and gate it", "Save the run history", "Write the job summary",
             "Upload the run folder", "Upload the HTML report"]
    assert [n for n in names if n in order] == order
    assert "pip install -c constraints.txt" in step("Install kateval")["run"]
    assert "kateval sandbox build" in step("Build the sandbox image")["run"]
    image_key = step("Restore the sandbox image")["with"]["key"]
    assert image_key.endswith("${{ steps.image.outputs.hash }}")
    run = step("Run the nightly suite and gate it")["run"]
    assert "--suite suites/nightly.yaml" in run and "--baseline last-good" in run
    assert '--max-drop "$MAX_DROP"' in run and '--models "$KATEVAL_MODELS"' in run
    # history, summary and artifacts must survive a red gate
    for name in ("Save the run history", "Write the job summary", "Upload the run folder",
                 "Upload the HTML report"):
        assert step(name).get("if") == "always()", name
    assert step("Restore the run history")["with"]["path"] == "runs/kateval.db"
    saved, restored = step("Save the run history"), step("Restore the run history")
    assert saved["with"]["key"] == restored["with"]["key"]
    assert step("Upload the HTML report")["with"]["path"].endswith("/report.html")
    env = job()["env"]
    for key in ("KATEVAL_JUDGE_API_KEY", "KATEVAL_BUILDER_API_KEY", "KATEVAL_FALLBACK_API_KEY"):
        assert env[key] == f"${{{{ secrets.{key} }}}}"
    assert env["RUNS_DIR"] == "runs"


def test_the_nightly_suite_is_valid():
    suite = load_suite(SUITE)
    assert suite.name == "nightly" and suite.tasks == ["*"] and suite.sandbox == "docker"
    assert max(suite.k) <= suite.samples and suite.samples >= 2


def test_the_endpoints_step_needs_its_secret(tmp_path):
    missing = run_step("Write the endpoints file", tmp_path, values("1"))
    assert missing.returncode == 1 and "KATEVAL_MODELS_YAML is empty" in missing.stdout
    models = (REPO / "models.yaml").read_text()
    ok = run_step("Write the endpoints file", tmp_path,
                  values("1") | {"secrets.KATEVAL_MODELS_YAML": models})
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "models.nightly.yaml").read_text() == models + "\n"


def test_the_run_command_parses_and_plans_the_suite(tmp_path):
    # Narrowed to one task only: the whole task set is `kateval validate`'s business, and a
    # task folder another author is still writing must not break this test.
    work = _checkout(tmp_path, tasks=["fn-billable-weight"])
    proc = run_step("Run the nightly suite and gate it", work, values("1"),
                    extra=" --offline --dry-run")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "dry run: suite nightly, 1 tasks x 3 samples" in proc.stdout
    assert "sandbox docker" in proc.stdout  # the suite's own sandbox, as in CI


# ---------------------------------------------------------------- two nights, for real
@pytest.mark.slow
def test_two_nights_offline_gate_summary_and_artifacts(tmp_path):
    from kateval.toolchains import installed

    try:
        installed.locate()
    except Exception as exc:
        pytest.skip(f"toolchain missing: {exc}")
    if shutil.which("kateval") is None:
        pytest.skip("kateval is not installed on PATH")
    work = _checkout(tmp_path, tasks=["fn-billable-weight"], samples=1, k=[1])
    offline = " --offline --sandbox local"
    first = run_step("Run the nightly suite and gate it", work, values("1001"), extra=offline)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "gate skipped (this run is the first)" in " ".join(first.stdout.split())

    second = run_step("Run the nightly suite and gate it", work, values("1002"), extra=offline)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "gate passed vs baseline nightly-1001-1" in " ".join(second.stdout.split())

    summary = tmp_path / "step-summary.md"
    done = run_step("Write the job summary", work, values("1002"),
                    env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == 0, done.stderr
    text = summary.read_text()
    assert text.startswith("# kateval run `nightly-1002-1`")
    assert "✅ gate passed vs baseline nightly-1001-1" in text

    # what the upload steps pick up
    folder = expand(step("Upload the run folder")["with"]["path"].splitlines()[0],
                    values("1002") | {"env.RUNS_DIR": "runs", "env.RUN_ID": "nightly-1002-1"})
    page = expand(step("Upload the HTML report")["with"]["path"],
                  values("1002") | {"env.RUNS_DIR": "runs", "env.RUN_ID": "nightly-1002-1"})
    assert (work / folder / "results.jsonl").is_file() and (work / folder / "junit.xml").is_file()
    assert "<svg" in (work / page).read_text()

    conn = history.connect(work / "runs" / history.DB_NAME)
    gates = dict(conn.execute("SELECT run_id, gate FROM runs").fetchall())
    assert gates == {"nightly-1001-1": "skipped", "nightly-1002-1": "passed"}


def test_the_image_hash_step_outputs_the_sandbox_tag(tmp_path):
    from kateval.sandbox.image import IMAGE_REPO
    from kateval.toolchains import installed

    try:
        installed.locate()
    except Exception as exc:
        pytest.skip(f"toolchain missing: {exc}")
    outputs = tmp_path / "outputs"
    proc = run_step("Hash the sandbox image inputs", REPO, values("1"),
                    env={"GITHUB_OUTPUT": str(outputs)})
    assert proc.returncode == 0, proc.stderr
    found = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert re.fullmatch(rf"{IMAGE_REPO}:[0-9a-f]{{12}}", found["tag"])
    assert found["tag"].endswith(":" + found["hash"])
