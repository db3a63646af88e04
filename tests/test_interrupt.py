"""Ctrl-C and SIGTERM during a real `kateval run` (a subprocess) against a slow scripted
endpoint: the process exits within 5 s with everything finished so far on disk and nothing
torn or doubled in results.jsonl; no container of the run outlives it; a resume with the same
--run-id finishes the run with every sample exactly once. Real HTTP, git and kotlinc."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO_ROOT, sigint_default
from tests.pipeline.test_pipeline import GOOD_FIM, SECRET, judge, models_file
from tests.sandbox.conftest import (docker_client, kateval_containers, run_id,  # noqa: F401
                                    sandbox_image)
from tests.scripted_server import ScriptedServer

pytestmark = pytest.mark.slow
SUITE = FIXTURES / "suites" / "tiny.yaml"  # tiny-sum x 3 samples, one at a time
SAMPLES = {("tiny-sum", n) for n in range(3)}
EXIT_WITHIN_S = 5.0
# A model outcome that needs no compile, so resumes are quick and no status depends on the
# task's expected.json: the builder says the prompt does not fit its context.
REFUSAL = {"status": 400, "message": "This model's maximum context length is 8192 tokens. "
                                     "However, your prompt resulted in 9001 tokens."}
SLOW = {"sleep": 300, "text": GOOD_FIM}  # far longer than the test waits
KATEVAL = REPO_ROOT / ".venv" / "bin" / "kateval"


@pytest.fixture
def server():
    srv = ScriptedServer().start()
    srv.script("judge-m", [judge])
    yield srv
    srv.stop()


def start(tmp_path: Path, models: Path, rid: str, *extra: str, log: str = "run"):
    out = open(tmp_path / f"{log}.out", "w")
    err = open(tmp_path / f"{log}.err", "w")
    cmd = [str(KATEVAL) if KATEVAL.exists() else "kateval", "run", "--suite", str(SUITE),
           "--models", str(models), "--run-id", rid, "--runs-dir", str(tmp_path / "runs"), *extra]
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=out, stderr=err, text=True,
                            env={**os.environ, "KATEVAL_TEST_JUDGE_KEY": SECRET},
                            start_new_session=True, preexec_fn=sigint_default)
    out.close()
    err.close()
    return proc


def output(tmp_path: Path, log: str = "run") -> tuple[str, str]:
    return (tmp_path / f"{log}.out").read_text(), (tmp_path / f"{log}.err").read_text()


def wait_for(condition, proc: subprocess.Popen, timeout_s: float, what: str,
             tmp_path: Path) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"kateval exited ({proc.returncode}) before {what}: {output(tmp_path)}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"no {what} within {timeout_s}s: {output(tmp_path)}")
        time.sleep(0.05)


def interrupt(proc: subprocess.Popen, how: signal.Signals) -> float:
    """SIGTERM to the process (`kill <pid>`, how CI cancels a job) or SIGINT to its process
    group (what a terminal's Ctrl-C does); the seconds until it exited."""
    t0 = time.monotonic()
    if how == signal.SIGINT:
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(how)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    elapsed = time.monotonic() - t0
    print(f"{how.name}: exited {proc.returncode} after {elapsed:.2f}s")
    return elapsed


def result_lines(root: Path) -> list[dict]:
    """Every line of results.jsonl: each must be whole, valid JSON."""
    text = (root / "results.jsonl").read_text() if (root / "results.jsonl").exists() else ""
    assert text == "" or text.endswith("\n"), f"torn last line: {text[-200:]!r}"
    return [json.loads(line) for line in text.splitlines()]


def keys(lines: list[dict]) -> list[tuple[str, int]]:
    return [(r["task"], r["sample"]) for r in lines]


def check_stopped(tmp_path: Path, proc: subprocess.Popen, elapsed: float, rid: str) -> list:
    out, err = output(tmp_path)
    assert elapsed < EXIT_WITHIN_S, f"took {elapsed:.1f}s to exit: {out} {err}"
    assert proc.returncode == 130, (proc.returncode, out, err)
    assert "Traceback" not in err and "Traceback" not in out, err
    assert "interrupted" in err and f"--run-id {rid}" in err, err
    lines = result_lines(tmp_path / "runs" / rid)
    assert len(keys(lines)) == len(set(keys(lines))), f"duplicate samples: {keys(lines)}"
    assert all(r["status"] != "infra_error" for r in lines), lines  # interrupted: not recorded
    summary = json.loads((tmp_path / "runs" / rid / "summary.json").read_text())
    assert summary["complete"] is False and summary["planned"] == 3
    return lines


def resume_and_check(tmp_path: Path, models: Path, rid: str, *extra: str) -> list[dict]:
    proc = start(tmp_path, models, rid, *extra, log="resume")
    proc.wait(timeout=900)
    out, err = output(tmp_path, "resume")
    assert proc.returncode == 0, (out, err)
    assert "Traceback" not in err and "resuming" in out
    root = tmp_path / "runs" / rid
    lines = result_lines(root)
    assert sorted(keys(lines)) == sorted(SAMPLES), f"lost or doubled: {keys(lines)}"
    latest = {(r["task"], r["sample"]): r for r in lines}
    assert {r["status"] for r in latest.values()} <= {"context_exceeded", "passed",
                                                      "tests_failed", "build_failed"}
    summary = json.loads((root / "summary.json").read_text())
    assert summary["complete"] is True and summary["samples"] == 3 and summary["graded"] == 3
    assert summary["infra_errors"] == 0
    return lines


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_signal_during_a_slow_model_call_exits_fast_and_resumes(server, tmp_path, how):
    # Sample 0 finishes (the builder refuses it as too long); sample 1's builder call hangs.
    server.script("mellum-m", [REFUSAL, SLOW])
    models = models_file(tmp_path, server.base_url, fallback=False,
                         builder={"timeout_s": 600, "max_retries": 0})
    rid = f"int-{how.name.lower()}"
    proc = start(tmp_path, models, rid)
    wait_for(lambda: len(server.calls("mellum-m", "/v1/completions")) >= 2, proc, 300,
             "second builder call", tmp_path)
    time.sleep(0.3)  # the call is in flight, its worker blocked reading the answer
    elapsed = interrupt(proc, how)
    lines = check_stopped(tmp_path, proc, elapsed, rid)
    assert keys(lines) == [("tiny-sum", 0)] and lines[0]["status"] == "context_exceeded"

    server.script("mellum-m", [REFUSAL])  # fast now
    before = len(server.calls("mellum-m", "/v1/completions"))
    lines = resume_and_check(tmp_path, models, rid)
    assert keys(lines)[0] == ("tiny-sum", 0)  # kept, not run again
    assert {r["status"] for r in lines} == {"context_exceeded"}
    assert len(server.calls("mellum-m", "/v1/completions")) - before == 2  # samples 1 and 2
    # The interrupted try of sample 1 is kept aside with its calls, not deleted.
    assert list((tmp_path / "runs" / rid / "samples/tiny-sum/1/superseded").glob("*/attempt-1"))


@pytest.mark.docker
def test_sigterm_while_a_container_compiles_leaves_no_container(server, tmp_path,
                                                                docker_client,  # noqa: F811
                                                                sandbox_image,  # noqa: F811
                                                                run_id):  # noqa: F811
    # The builder answers at once; sample 0 is compiling in its container when SIGTERM comes.
    server.script("mellum-m", [{"text": GOOD_FIM}])
    models = models_file(tmp_path, server.base_url, fallback=False)
    proc = start(tmp_path, models, run_id, "--sandbox", "docker")
    wait_for(lambda: kateval_containers(docker_client, run_id), proc, 600,
             f"container labelled kateval.run-id={run_id}", tmp_path)
    time.sleep(1.0)  # the container is running the compile
    elapsed = interrupt(proc, signal.SIGTERM)
    left = kateval_containers(docker_client, run_id)
    assert left == [], f"containers left behind: {left}"
    lines = check_stopped(tmp_path, proc, elapsed, run_id)
    assert lines == []  # nothing had finished

    server.script("mellum-m", [REFUSAL])  # fast now, and no compile
    lines = resume_and_check(tmp_path, models, run_id, "--sandbox", "docker")
    latest = {r["sample"]: r["status"] for r in lines}
    # Sample 0's builder had answered (its container was compiling): the resume replays that
    # answer from the run's response cache and grades it; the others meet the refusal.
    assert latest == {0: "passed", 1: "context_exceeded", 2: "context_exceeded"}, latest
    assert kateval_containers(docker_client, run_id) == []
