"""Docker sandbox life cycle: engine failures are infra errors; Ctrl-C and prune clean up."""

from __future__ import annotations

import io
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import docker
import pytest
from rich.console import Console

from kateval.commands.sandbox import prune_command
from kateval.config import Suite
from kateval.errors import InfraError, ToolchainError
from kateval.evaluate import Timeouts, evaluate_patch
from kateval.sandbox.docker import (
    DockerSandbox,
    DockerSettings,
    make_docker_opener,
)
from kateval.sandbox.image import IMAGE_TOOLS as CONTAINER_TOOLS
from kateval.tasks import load_task
from kateval.toolchains.kotlinc import KotlincToolchain
from tests.conftest import FIXTURES, REPO_ROOT, sigint_default
from tests.sandbox.conftest import (
    HOSTILE_TASKS,
    kateval_containers,
    sandbox_user_processes,
)

pytestmark = pytest.mark.docker


def test_an_unreachable_engine_is_a_toolchain_error(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    with pytest.raises(ToolchainError, match="cannot reach the Docker engine"):
        make_docker_opener(Suite(name="t"), "no-engine")


def test_a_missing_image_says_to_build_it(docker_client):
    suite = Suite(name="t", docker_image="kateval/kotlin-jvm:000000000000")
    with pytest.raises(ToolchainError, match="kateval sandbox build"):
        make_docker_opener(suite, "no-image")


def test_an_engine_lost_mid_run_is_graded_infra_error(docker_client, sandbox_image, run_id,
                                                      tmp_path):
    """Never a fake model outcome: the steps record the failure, grading says infra_error."""
    dead = docker.DockerClient(base_url="unix:///nonexistent/docker.sock", version="1.41")
    settings = DockerSettings(image=sandbox_image, run_id=run_id)

    def open_then_lose_engine(root: Path):
        sandbox = DockerSandbox(docker_client, settings, root)
        sandbox.client = dead  # the container was created; now the engine "goes away"
        return sandbox, KotlincToolchain(CONTAINER_TOOLS)

    task = load_task(FIXTURES / "tasks" / "tiny-sum")
    grade = evaluate_patch(task, task.gold_patch, tmp_path / "attempt", open_then_lose_engine,
                           Timeouts(60, 60))
    assert grade.status == "infra_error", grade


def test_a_container_removed_under_a_command_raises(docker_client, sandbox_image, run_id,
                                                   tmp_path):
    sandbox = DockerSandbox(docker_client, DockerSettings(image=sandbox_image, run_id=run_id),
                            tmp_path / "ws")
    try:
        outcome: dict = {}

        def run():
            try:
                outcome["result"] = sandbox.exec(["sleep", "300"], timeout_s=120)
            except Exception as exc:
                outcome["error"] = exc

        worker = threading.Thread(target=run)
        worker.start()
        time.sleep(2)
        docker_client.containers.get(sandbox._container.id).remove(force=True)
        worker.join(60)
        assert isinstance(outcome.get("error"), InfraError), outcome
    finally:
        sandbox.close()


def _start_run(tmp_path: Path, run_id: str) -> subprocess.Popen:
    """`kateval run` of one endless sample in the Docker sandbox, in the background."""
    suite = tmp_path / "suite.yaml"
    suite.write_text(f"name: lifecycle\ntasks: [hostile-infinite-loop]\n"
                     f"tasks_dir: {HOSTILE_TASKS}\nmax_attempts: 1\nbuild_slots: 1\n")
    return subprocess.Popen(
        ["kateval", "run", "--suite", str(suite), "--offline", "--sandbox", "docker",
         "--run-id", run_id, "--runs-dir", str(tmp_path / "runs")],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=sigint_default)


def _wait_for_container(client, run_id: str, proc: subprocess.Popen) -> list:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        found = client.containers.list(filters={"label": f"kateval.run-id={run_id}"})
        if found:
            return found
        time.sleep(0.3)
    err = proc.communicate(timeout=60)[1] if proc.poll() is not None else ""
    pytest.fail(f"no container appeared for {run_id}: {err[-500:]}")


@pytest.mark.slow
def test_ctrl_c_removes_the_running_container(docker_client, sandbox_image, run_id, tmp_path):
    proc = _start_run(tmp_path, run_id)
    try:
        _wait_for_container(docker_client, run_id, proc)
        time.sleep(1)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err[-800:]
    assert "resume with" in err
    assert kateval_containers(docker_client, run_id) == []
    assert sandbox_user_processes() == []


@pytest.mark.slow
def test_prune_removes_what_a_killed_run_left(docker_client, sandbox_image, run_id, tmp_path):
    proc = _start_run(tmp_path, run_id)
    try:
        left = _wait_for_container(docker_client, run_id, proc)
        proc.send_signal(signal.SIGKILL)  # no clean-up can run: this is what prune is for
        proc.wait(60)
        assert kateval_containers(docker_client, run_id) != []
        out = io.StringIO()
        prune_command(Console(file=out, width=200))
        assert kateval_containers(docker_client, run_id) == [], out.getvalue()
        assert f"run {run_id}" in out.getvalue()
    finally:
        if proc.poll() is None:
            proc.kill()
        for container in left if "left" in locals() else []:
            workspace = container.labels.get("kateval.workspace", "")
            if "/kateval-" in workspace:  # the killed run's scratch folder
                shutil.rmtree(Path(workspace).parent, ignore_errors=True)
