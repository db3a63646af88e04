"""Hostile model code on every sandbox: each sample is compiled and run by the real toolchain.

For each sandbox (`local` with bubblewrap, `docker`), one run of the real harness
(runner.execute) takes every sample in fixtures/tasks/hostile-*; once they all finished, the
run resumes with the benign one, through the same opener (the same warm compile services and
caches), and it must still pass. hostile-snoop's patch is written here, with this host's real paths and
canary secrets in the environment, the home folder and the run folder. Each test then checks
one sample's grade and what containment means for it: none may grade `passed`, and the host
must be unchanged.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.console import Console

from kateval.config import Suite
from kateval.runner import execute
from kateval.sample import GoldSolver, RunPlan
from kateval.runs import RunDir
from kateval.sandbox.factory import make_opener
from kateval.tasks import Task, load_task
from tests.conftest import REPO_ROOT, patch_for
from tests.sandbox.conftest import HOSTILE_TASKS, host_processes, kateval_containers

pytestmark = [pytest.mark.slow]

EXPECTED = {  # the benign control runs after them all
    # Either the bomb fills the pids limit after JUnit started (the step times out) or before the
    # JVM could start its threads (it dies without XML): both are contained model outcomes.
    "hostile-fork-bomb": ("timeout", "tests_failed"),
    "hostile-memory-hog": ("tests_failed",),
    "hostile-infinite-loop": ("timeout",),
    "hostile-network": ("tests_failed",),
    "hostile-write-outside": ("tests_failed",),
    "hostile-stdout-flood": ("tests_failed",),
    # The test JVM's Security Manager refuses its signal handler and its child: it fails.
    # A process that outlives TERM is hostile-infinite-loop's timeout, and the kill path's.
    "hostile-ignore-sigterm": ("tests_failed",),
    "hostile-fake-xml-halt": ("tests_failed",),
    "hostile-malformed-xml-halt": ("tests_failed",),
    "hostile-exit-static-init": ("tests_failed",),
    "hostile-delete-test-classes": ("tests_failed",),
    "hostile-fake-success-lines": ("tests_failed",),
    "hostile-setsid-child": ("tests_failed",),
    "hostile-big-file": ("tests_failed",),
    "hostile-snoop": ("tests_failed",),
    "hostile-zz-benign": ("passed",),
}
CONTROL = "-zz-benign"
"""In a control sample's id: run_hostile runs those after every attacker finished."""
LISTEN_PORT = 47123  # hard-coded in hostile-network's patch
ESCAPE_NAME = "kateval-escape"
OUTPUT_LIMIT = 1_000_000  # Limits().output_bytes
SECRET_ENV = ("OPENAI_API_KEY", "HF_TOKEN", "AWS_SECRET_ACCESS_KEY")
SNOOP = '''package hostile

import java.io.File
import java.net.UnixDomainSocketAddress
import java.nio.channels.SocketChannel

fun leak(what: String, read: () -> String?): Boolean {
    val got = runCatching(read)
    val text = got.getOrNull()
    val leaked = text != null && text.isNotEmpty()
    println("snoop $what: " + if (leaked) "leaked $text" else "blocked (${got.exceptionOrNull()?.javaClass?.simpleName ?: "empty"})")
    return leaked
}

fun attack(): String {
    val files = mapOf(FILES)
    var any = false
    for ((what, path) in files) any = leak(what) { File(path).readText() } or any
    for (name in listOf(ENVS)) any = leak("env $name") { System.getenv(name) } or any
    for (path in listOf("/var/run/docker.sock", "/run/docker.sock")) {
        any = leak("socket $path") {
            SocketChannel.open(UnixDomainSocketAddress.of(path)).use { "connected" }
        } or any
    }
    return if (any) "ok" else "contained"
}
'''


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
        sandbox, toolchain = self.opener(root)
        close = sandbox.close

        def close_and_check():
            close()
            for parent in (root.parent, root.parent.parent):
                if (parent / ESCAPE_NAME).exists():
                    self.found.append(str(parent / ESCAPE_NAME))

        sandbox.close = close_and_check
        return sandbox, toolchain


@dataclass
class HostileRun:
    kind: str
    run: RunDir
    records: dict[str, dict]
    summary: dict
    accepted: int | None
    escapes: list[str]
    containers_after: list[str]
    secrets: dict[str, str]

    def steps(self, task: str) -> list[dict]:
        return json.loads((self.attempt(task) / "steps.json").read_text())

    def attempt(self, task: str) -> Path:
        return self.run.sample_dir(task, 0) / "attempt-1"

    def log(self, task: str) -> str:
        return (self.attempt(task) / "build.log").read_text(errors="replace")


def _snoop_task(tmp: Path, targets: dict[str, Path]) -> Task:
    """hostile-snoop with this host's paths baked into a real patch."""
    root = tmp / "hostile-snoop"
    shutil.copytree(HOSTILE_TASKS / "hostile-snoop", root)
    files = ", ".join(f'"{what}" to "{path}"' for what, path in targets.items())
    source = SNOOP.replace("FILES", files).replace(
        "ENVS", ", ".join(f'"{name}"' for name in SECRET_ENV))
    task = load_task(root)
    (root / "solution.patch").write_text(
        patch_for(task, {"src/jvmMain/kotlin/hostile/Attack.kt": source}))
    return load_task(root)


def _sample_containers(client, run_id: str) -> list[str]:
    """The run's containers that ran samples. A warm toolchain's compile containers (which
    run no model code) live as long as the run's process, as its local services do."""
    from kateval.sandbox.docker_warm import ROLE_LABEL, SERVICE_ROLE

    service = {c.name for c in client.containers.list(
        all=True, filters={"label": f"{ROLE_LABEL}={SERVICE_ROLE}"})}
    return [name for name in kateval_containers(client, run_id) if name not in service]


def run_hostile(kind: str, suite: Suite, tmp: Path, docker_client=None,
                tasks: list[Task] | None = None) -> HostileRun:
    """One run of the real harness over `tasks` (default: this module's, snoop patched here),
    with canary secrets in the environment, the home folder and the run folder."""
    try:
        listener = _Listener()
        listener.start()
    except OSError:  # the port is taken: the in-sandbox check still runs
        listener = None
    run_id = f"pytest-hostile-{kind}-{uuid.uuid4().hex[:8]}"
    run = RunDir(tmp / run_id)
    run.root.mkdir(parents=True, exist_ok=True)
    marker = uuid.uuid4().hex
    secrets = {"run": f"SECRET-RUN-{marker}", "ssh": f"SECRET-SSH-{marker}"} | {
        name: f"sk-canary-{name}-{marker}" for name in SECRET_ENV}
    (run.root / "canary.txt").write_text(secrets["run"])
    ssh = Path.home() / ".ssh" / f"kateval-canary-{marker}"
    ssh.parent.mkdir(mode=0o700, exist_ok=True)
    ssh.write_text(secrets["ssh"])
    targets = {"task gold patch": REPO_ROOT / "tasks" / "fn-billable-weight" / "solution.patch",
               "ssh key": ssh, "run folder": run.root / "canary.txt"}
    tasks = tasks or [_snoop_task(tmp, targets) if name == "hostile-snoop"
                      else load_task(HOSTILE_TASKS / name) for name in EXPECTED]
    watcher = _EscapeWatcher(make_opener(kind, suite, run_id))
    attackers = [task for task in tasks if CONTROL not in task.id]
    saved = {name: os.environ.get(name) for name in SECRET_ENV}
    os.environ.update({name: secrets[name] for name in SECRET_ENV})
    try:
        quiet = Console(file=io.StringIO())
        execute(RunPlan(suite, attackers, run, GoldSolver(), watcher.open, max_attempts=1),
                progress_console=quiet)
        # The controls once every attacker finished, through the same opener: the same warm
        # compile services and caches (the run resumes, so only the controls are left).
        summary = execute(RunPlan(suite, tasks, run, GoldSolver(), watcher.open, max_attempts=1),
                          progress_console=quiet)
        containers = _sample_containers(docker_client, run_id) if docker_client else []
    finally:
        for name, value in saved.items():
            os.environ.pop(name) if value is None else os.environ.__setitem__(name, value)
        ssh.unlink()
        if listener is not None:
            listener.sock.close()
        if docker_client is not None:
            from kateval.sandbox.docker import remove_containers

            remove_containers(docker_client, run_id=run_id)
    records = {key[0]: rec for key, rec in run.latest_results().items()}
    return HostileRun(kind, run, records, summary, listener and listener.accepted,
                      watcher.found, containers, secrets)


@pytest.fixture(scope="module", params=["local", "docker"])
def hostile(request, toolchain, tmp_path_factory) -> HostileRun:
    kind = request.param
    suite = Suite(name="hostile", sandbox=kind, build_slots=2, max_attempts=1,
                  test_timeout_s=20)
    client = None
    if kind == "docker":
        client = request.getfixturevalue("docker_client")
        suite = suite.model_copy(update={"docker_image": request.getfixturevalue("sandbox_image")})
    return run_hostile(kind, suite, tmp_path_factory.mktemp(f"hostile-{kind}"), client)


@pytest.mark.parametrize("task", list(EXPECTED))
def test_sample_is_graded_as_its_expected_status(hostile, task):
    record = hostile.records[task]
    assert record["status"] in EXPECTED[task], (
        f"{hostile.kind} {task}: {record['status']} ({record['detail']}); see {hostile.attempt(task)}")


def test_a_forged_report_never_reaches_the_grade(hostile):
    detail = hostile.records["hostile-fake-xml-halt"]["detail"]
    for name in ("attackSucceeds", "alsoExpectedOne", "alsoExpectedTwo"):
        assert name in detail, detail  # failed or not reported, each by name
    reports = hostile.attempt("hostile-fake-xml-halt") / "junit"
    forged = [p for p in reports.rglob("*.xml") if 'name="forged"' in p.read_text()]
    assert forged == [], "model code wrote a report the grade read"


def test_malformed_xml_is_the_models_failure_and_scored(hostile):
    record = hostile.records["hostile-malformed-xml-halt"]
    assert record["status"] == "tests_failed"
    assert hostile.summary["infra_errors"] == 0


def test_timeouts_hit_the_test_step_not_the_build(hostile):
    for task in EXPECTED:
        if hostile.records[task]["status"] == "timeout":
            steps = hostile.steps(task)
            assert [s["timed_out"] for s in steps] == [False] * (len(steps) - 1) + [True], task
            assert steps[-1]["phase"] == "test"


def test_memory_hog_is_stopped_within_the_memory_limit(hostile):
    # Off-heap memory: the memory limit kills it (137), or the test JVM refuses it Unsafe.
    test_step = hostile.steps("hostile-memory-hog")[-1]
    assert test_step["returncode"] != 0 and not test_step["timed_out"], test_step
    allocated = [int(line.split()[1]) for line in hostile.log("hostile-memory-hog").splitlines()
                 if line.startswith("allocated ")]
    assert all(mib <= 2048 for mib in allocated), allocated


def test_network_is_cut(hostile):
    log = hostile.log("hostile-network")
    assert "blocked 127.0.0.1:47123" in log and "blocked 192.0.2.1:80" in log
    assert "connected to" not in log
    assert hostile.accepted in (0, None), "a sample reached the host's loopback"


def test_writes_outside_the_workspace_do_not_reach_the_host(hostile, toolchain):
    log = hostile.log("hostile-write-outside")
    written = [line for line in log.splitlines() if line.endswith(": written")]
    assert all(" -> /tmp/" in line for line in written), written  # /tmp is the sandbox's own
    host_paths = [Path("/etc", ESCAPE_NAME), Path("/", ESCAPE_NAME),
                  Path(toolchain.kotlin_home, ESCAPE_NAME), Path("/usr/bin", ESCAPE_NAME)]
    assert [p for p in host_paths if p.exists()] == []
    assert hostile.escapes == [], "files appeared next to a workspace on the host"


def test_no_host_file_secret_or_socket_reaches_model_code(hostile):
    log = hostile.log("hostile-snoop")
    for what in ("task gold patch", "ssh key", "run folder", *(f"env {n}" for n in SECRET_ENV),
                 "socket /var/run/docker.sock", "socket /run/docker.sock"):
        assert f"snoop {what}: blocked" in log, f"{hostile.kind}: {what} not blocked:\n{log[-3000:]}"
    for secret in hostile.secrets.values():
        assert secret not in log


def test_stdout_flood_is_capped(hostile):
    # 1 GiB to fd 1: capped by the harness, or refused to model code by the test JVM.
    test_step = hostile.steps("hostile-stdout-flood")[-1]
    assert not test_step["timed_out"]
    assert (hostile.attempt("hostile-stdout-flood") / "build.log").stat().st_size < 3 * OUTPUT_LIMIT


def test_a_setsid_child_neither_outlives_nor_stalls_the_sample(hostile):
    test_step = hostile.steps("hostile-setsid-child")[-1]
    assert not test_step["timed_out"] and test_step["duration_s"] < 15, test_step
    assert host_processes(b"exec sleep 600") == [] and host_processes(b"sleep 600") == []


def test_file_size_is_bounded(hostile):
    log = hostile.log("hostile-big-file")
    line = next(line for line in log.splitlines() if line.startswith("big file: wrote"))
    written = int(line.split()[3])
    assert written <= 512 * 2**20, line


def test_harness_went_on_to_the_next_sample(hostile):
    assert hostile.summary["complete"] and hostile.summary["infra_errors"] == 0
    assert set(hostile.records) == set(EXPECTED)
    assert hostile.records["hostile-zz-benign"]["status"] == "passed"


def test_no_container_or_process_is_left_behind(hostile):
    assert hostile.containers_after == []
    assert host_processes(b"b | b") == [] and host_processes(b"trap '' TERM") == []
