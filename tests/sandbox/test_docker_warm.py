"""The warm toolchain under --sandbox docker: compiles in long-lived compile containers (one per
build slot), test steps in each sample's own container. Real engine, real image, real compiler:
gold tasks pass with no container left; the compile container is locked down like a sample's
and sees one sample at a time; a compile container that dies is ours, never the sample's."""

from __future__ import annotations

import json
import secrets
import threading

import pytest
import yaml

from kateval.config import Suite
from kateval.evaluate import Timeouts, evaluate_patch
from kateval.sandbox.docker import RUN_LABEL, DockerSandbox, make_docker_opener
from kateval.sandbox.docker_warm import ROLE_LABEL, SERVICE_ROLE, ContainerService
from kateval.tasks import load_task
from tests.conftest import FIXTURES, REPO_ROOT, patch_for, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.slow]

TIMEOUTS = Timeouts(600, 120)
GOLD_TASKS = ["parse-csv-records", "fsm-otp-verification"]  # both on the JVM and JS


def _services(client, run_id: str) -> list:
    return client.containers.list(all=True, filters={"label": [f"{RUN_LABEL}={run_id}",
                                                               f"{ROLE_LABEL}={SERVICE_ROLE}"]})


@pytest.fixture
def warm_opener(docker_client, sandbox_image, run_id, tmp_path):
    """make_docker_opener's warm opener, and its toolchain; closed before run_id's check."""
    opener = make_docker_opener(Suite(name="t", toolchain="warm", docker_image=sandbox_image),
                                run_id)
    sandbox, session = opener(tmp_path / "unused")
    sandbox.close()
    yield opener, session.toolchain
    session.toolchain.close()


def test_gold_tasks_pass_on_jvm_and_js_with_no_container_left(docker_client, sandbox_image,
                                                              tmp_path):
    suite = tmp_path / "warm-docker.yaml"
    suite.write_text(yaml.safe_dump({"name": "warm-docker", "tasks": GOLD_TASKS,
                                     "tasks_dir": str(REPO_ROOT / "tasks"), "toolchain": "warm",
                                     "docker_image": sandbox_image}))
    run_id = f"pytest-warm-{secrets.token_hex(4)}"
    proc = run_cli("run", "--suite", str(suite), "--offline", "--sandbox", "docker",
                   "--run-id", run_id, "--runs-dir", str(tmp_path / "runs"), timeout=1800)
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = json.loads((tmp_path / "runs" / run_id / "summary.json").read_text())
    assert {t: e["statuses"] for t, e in summary["tasks"].items()} == {
        t: {"passed": 1} for t in GOLD_TASKS}
    for task in GOLD_TASKS:
        steps = json.loads(next((tmp_path / "runs" / run_id).rglob(f"{task}/**/steps.json"))
                           .read_text())
        ran = {s["name"] for s in steps if s["returncode"] == 0}
        assert {"compile-jvm", "link-js", "test-jvm", "test-js"} <= ran, steps
    left = docker_client.containers.list(all=True, filters={"label": f"{RUN_LABEL}={run_id}"})
    assert left == []


def test_the_compile_container_is_locked_down(docker_client, warm_opener, run_id):
    _, toolchain = warm_opener
    service = toolchain.pool.acquire()
    try:
        reply = service.compile("jvm", ["-version"], 300)
        assert reply.exit_code == 0, reply.output
        [container] = _services(docker_client, run_id)
        assert container.id == service.container.id
        host = container.attrs["HostConfig"]
        assert host["NetworkMode"] == "none" and host["ReadonlyRootfs"] is True
        assert host["CapDrop"] == ["ALL"] and "no-new-privileges" in host["SecurityOpt"]
        assert host["Memory"] > 0 and host["NanoCpus"] > 0 and host["PidsLimit"] > 0
        # The host shows it the service's slot folder alone.
        assert [m["Source"] for m in container.attrs["Mounts"]] == [str(service.mount)]
        # The compiler JVM runs as the image's user, not root.
        users = {row[1] for row in container.top(ps_args="-o pid,uid,args")["Processes"]
                 if "CompileServerKt" in row[-1]}
        assert users and "0" not in users, users

        def run(cmd: str) -> tuple[int, str]:
            code, out = container.exec_run(["sh", "-c", cmd])
            return code, out.decode()

        assert run("id -u")[1].strip() != "0"
        assert run("touch /opt/kotlinc/x")[0] != 0  # read-only root
        interfaces = run("cat /proc/net/dev")[1]
        assert "lo:" in interfaces and not any(
            line.split(":")[0].strip() not in ("lo", "") for line in interfaces.splitlines()[2:]
        ), interfaces
    finally:
        toolchain.pool.release(service)


def test_a_sample_leaves_nothing_for_the_next(docker_client, warm_opener, tmp_path):
    """Sample A's sources and outputs are gone from the compile container before B compiles;
    B's test container does not show A's workspace at all."""
    opener, toolchain = warm_opener
    task = load_task(FIXTURES / "tasks" / "tiny-sum")
    token = f"leftover{secrets.token_hex(6)}"
    marked = patch_for(task, {"src/commonMain/kotlin/Marker.kt":
                              f'package marker\n\nconst val MARK = "{token}"\n'})
    grade = evaluate_patch(task, marked, tmp_path / "a", opener, TIMEOUTS)
    assert (tmp_path / "a" / "steps.json").is_file(), grade
    [service] = toolchain.pool.services()
    container = service.container
    code, out = container.exec_run(["sh", "-c", f"grep -rl {token} {service.mount} /tmp "
                                                f"2>/dev/null; ls -A {service.slot}"])
    assert token not in out.decode() and out.decode().split() == [".kateval-ic"], out
    workspace = tmp_path / "b-work"
    workspace.mkdir()
    sandbox, _ = opener(workspace)
    try:
        seen = sandbox.exec(["sh", "-c", f"ls {tmp_path / 'a'} {service.mount}"],
                            timeout_s=60)
        assert seen.returncode != 0 and "No such file" in seen.stderr, seen
    finally:
        sandbox.close()
    grade = evaluate_patch(task, task.gold_patch, tmp_path / "b", opener, TIMEOUTS)
    assert grade.status == "passed", grade


def test_a_killed_compile_container_is_retried_not_the_samples(docker_client, warm_opener,
                                                                 run_id, tmp_path, monkeypatch):
    opener, toolchain = warm_opener
    task = load_task(REPO_ROOT / "tasks" / "parse-csv-records")
    killed: list[str] = []
    compile = ContainerService.compile

    def killed_mid_request(service, kind, args, timeout_s):
        if not killed:  # the sample's first compile: its container dies half a second in
            killed.append(service.container.id)
            threading.Timer(0.5, service.container.kill).start()
        return compile(service, kind, args, timeout_s)

    monkeypatch.setattr(ContainerService, "compile", killed_mid_request)
    grade = evaluate_patch(task, task.gold_patch, tmp_path / "a", opener, TIMEOUTS)
    assert killed and grade.status == "passed", grade
    assert "retried on a fresh compile service" in (tmp_path / "a" / "build.log").read_text()
    assert toolchain.pool.restarts >= 1
    assert killed[0] not in [c.id for c in _services(docker_client, run_id)]


def test_compile_containers_that_cannot_serve_are_infra(docker_client, warm_opener, tmp_path,
                                                        monkeypatch):
    """Every compile container dies as it starts: the retry and the probe fail too, and the
    sample is infra_error, never build_failed."""
    opener, toolchain = warm_opener
    containers = toolchain.pool.start
    start = containers.run

    def run_then_kill(mount, limits):
        container, owner = start(mount, limits)
        container.kill()
        return container, owner

    monkeypatch.setattr(containers, "run", run_then_kill)
    task = load_task(FIXTURES / "tasks" / "tiny-sum")
    grade = evaluate_patch(task, task.gold_patch, tmp_path / "a", opener, TIMEOUTS)
    assert grade.status == "infra_error", grade


def test_the_sample_sandbox_under_warm_starts_no_container_for_builds(docker_client,
                                                                      warm_opener, run_id,
                                                                      tmp_path):
    """Under warm every build step goes to a compile container: a sample's own container
    starts with its first test step (one fewer container start per sample)."""
    opener, _ = warm_opener
    sandbox, _ = opener(tmp_path)
    try:
        assert isinstance(sandbox, DockerSandbox)
        mine = [c for c in docker_client.containers.list(
            all=True, filters={"label": f"{RUN_LABEL}={run_id}"})
            if c.labels.get(ROLE_LABEL) != SERVICE_ROLE]
        assert mine == []
        assert sandbox.exec(["true"], timeout_s=60).returncode == 0
    finally:
        sandbox.close()
