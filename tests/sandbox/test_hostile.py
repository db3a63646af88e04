"""Hostile model code in real containers: each sample is compiled and run by the toolchain.

One run of the real harness (runner.execute, concurrency 1) takes every sample in
fixtures/tasks/hostile-* in turn, ending with a benign one that must still pass. Each test
below then checks one sample's grade and what containment means for it; the last ones check
that the harness went on and that no container or process was left behind.
"""

from __future__ import annotations

import io
import json
import socket
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.console import Console

from kateval.config import Suite
from kateval.runner import GoldSolver, RunPlan, execute
from kateval.runs import RunDir
from kateval.sandbox.docker import make_docker_opener, remove_containers
from kateval.tasks import load_task
from tests.sandbox.conftest import (
    HOSTILE_TASKS,
    host_processes,
    kateval_containers,
    sandbox_user_processes,
)

pytestmark = [pytest.mark.docker, pytest.mark.slow]

EXPECTED = {  # run in this order; the benign control goes last
    # Either the bomb fills the pids limit after JUnit started (the step times out) or before the
    # JVM could start its threads (it dies without XML): both are contained model outcomes.
    "hostile-fork-bomb": ("timeout", "tests_failed"),
    "hostile-memory-hog": "tests_failed",
    "hostile-infinite-loop": "timeout",
    "hostile-network": "tests_failed",
    "hostile-write-outside": "tests_failed",
    "hostile-stdout-flood": "tests_failed",
    "hostile-ignore-sigterm": "timeout",
    "hostile-zz-benign": "passed",
}
LISTEN_PORT = 47123  # hard-coded in hostile-network's patch
ESCAPE_NAME = "kateval-escape"
OUTPUT_LIMIT = 1_000_000  # Limits().output_bytes


class _Listener(threading.Thread):
    """A TCP listener on the host's 127.0.0.1 that counts who got through."""

    def __init__(self):
        super().__init__(daemon=True)
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", LISTEN_PORT))
        self.sock.listen()
        self.accepted = 0

    def run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            conn.close()


class _EscapeWatcher:
    """Wraps the opener: after each sandbox closes, looks for escape files beside the workspace."""

    def __init__(self, opener):
        self.opener = opener
        self.found: list[str] = []

    def open(self, root: Path):
        sandbox, paths = self.opener(root)
        close = sandbox.close

        def close_and_check():
            close()
            for parent in (root.parent, root.parent.parent):
                if (parent / ESCAPE_NAME).exists():
                    self.found.append(str(parent / ESCAPE_NAME))

        sandbox.close = close_and_check
        return sandbox, paths


@dataclass
class HostileRun:
    run_id: str
    run: RunDir
    records: dict[str, dict]
    summary: dict
    accepted: int | None
    escapes: list[str]
    containers_after: list[str]
    processes_after: list[str]

    def steps(self, task: str) -> list[dict]:
        return json.loads((self.attempt(task) / "steps.json").read_text())

    def attempt(self, task: str) -> Path:
        return self.run.sample_dir(task, 0) / "attempt-1"


@pytest.fixture(scope="module")
def hostile(docker_client, sandbox_image, tmp_path_factory) -> HostileRun:
    try:
        listener = _Listener()
        listener.start()
    except OSError:  # the port is taken: the in-container check still runs
        listener = None
    run_id = f"pytest-hostile-{uuid.uuid4().hex[:8]}"
    suite = Suite(name="hostile", sandbox="docker", concurrency=1, max_attempts=1,
                  docker_image=sandbox_image)
    watcher = _EscapeWatcher(make_docker_opener(suite, run_id))
    run = RunDir(tmp_path_factory.mktemp("hostile") / run_id)
    tasks = [load_task(HOSTILE_TASKS / task) for task in EXPECTED]
    plan = RunPlan(suite, tasks, run, GoldSolver(), watcher.open, max_attempts=1)
    try:
        summary = execute(plan, progress_console=Console(file=io.StringIO()))
        containers = kateval_containers(docker_client, run_id)
        processes = sandbox_user_processes()
    finally:
        remove_containers(docker_client, run_id=run_id)
        if listener is not None:
            listener.sock.close()
    records = {key[0]: rec for key, rec in run.latest_results().items()}
    return HostileRun(run_id, run, records, summary, listener and listener.accepted,
                      watcher.found, containers, processes)


@pytest.mark.parametrize("task", list(EXPECTED))
def test_sample_is_graded_as_its_expected_status(hostile, task):
    record = hostile.records[task]
    expected = EXPECTED[task] if isinstance(EXPECTED[task], tuple) else (EXPECTED[task],)
    assert record["status"] in expected, (
        f"{task}: {record['status']} ({record['detail']}); see {hostile.attempt(task)}")


def test_timeouts_hit_the_test_step_not_the_build(hostile):
    for task in EXPECTED:
        if hostile.records[task]["status"] == "timeout":
            steps = hostile.steps(task)
            assert [s["timed_out"] for s in steps] == [False, True], task
            assert steps[-1]["phase"] == "test"


def test_memory_hog_is_killed_by_the_memory_limit(hostile):
    test_step = hostile.steps("hostile-memory-hog")[-1]
    assert test_step["returncode"] == 137 and not test_step["timed_out"]  # SIGKILL by the OOM killer


def test_network_is_cut(hostile):
    log = (hostile.attempt("hostile-network") / "build.log").read_text()
    assert "blocked 127.0.0.1:47123" in log and "blocked 192.0.2.1:80" in log
    assert "connected to" not in log
    assert hostile.accepted in (0, None), "a sample reached the host's loopback"


def test_writes_outside_the_workspace_do_not_reach_the_host(hostile, toolchain):
    log = (hostile.attempt("hostile-write-outside") / "build.log").read_text()
    for target in ("/etc/", "/kateval-escape ", "/opt/kotlinc/", "/usr/bin/"):
        assert any(target in line and line.endswith("refused") for line in log.splitlines()), target
    host_paths = [Path("/etc", ESCAPE_NAME), Path("/", ESCAPE_NAME),
                  Path(toolchain.kotlin_home, ESCAPE_NAME), Path("/usr/bin", ESCAPE_NAME)]
    assert [p for p in host_paths if p.exists()] == []
    assert hostile.escapes == [], "files appeared next to a workspace on the host"


def test_stdout_flood_is_capped(hostile):
    test_step = hostile.steps("hostile-stdout-flood")[-1]
    assert test_step["truncated"] and not test_step["timed_out"]
    log = hostile.attempt("hostile-stdout-flood") / "build.log"
    assert log.stat().st_size < 3 * OUTPUT_LIMIT


def test_harness_went_on_to_the_next_sample(hostile):
    assert hostile.summary["complete"] and hostile.summary["infra_errors"] == 0
    assert set(hostile.records) == set(EXPECTED)
    assert hostile.records["hostile-zz-benign"]["status"] == "passed"


def test_no_container_or_process_is_left_behind(hostile):
    assert hostile.containers_after == []
    assert hostile.processes_after == []
    assert host_processes(b"b | b") == [] and host_processes(b"trap '' TERM") == []
