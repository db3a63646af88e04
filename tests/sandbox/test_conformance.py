"""The Sandbox protocol, run against the local and the Docker sandbox alike.

Both must: run in the workspace, report exit codes as data, kill a timed-out command with
its children, cap output, read and write workspace files (and nothing outside), and leave
no process or container behind after close().
"""

from __future__ import annotations

import threading
from pathlib import Path
import time

import pytest

from kateval.config import Limits
from kateval.sandbox.docker import DockerSandbox, DockerSettings
from kateval.sandbox.local import LocalSandbox
from tests.sandbox.conftest import host_processes, kateval_containers

LIMIT = 10_000


@pytest.fixture(params=["local", pytest.param("docker", marks=pytest.mark.docker)])
def make_sandbox(request, tmp_path):
    """A factory for sandboxes of the parametrized kind on a fresh workspace; all are closed."""
    opened = []
    if request.param == "docker":  # requested now, so they are torn down after the sandboxes
        client, image, run_id = (request.getfixturevalue(name)
                                 for name in ("docker_client", "sandbox_image", "run_id"))

    def make(output_limit: int = LIMIT):
        workspace = tmp_path / f"ws{len(opened)}"
        if request.param == "local":
            sandbox = LocalSandbox(workspace, output_limit=output_limit)
        else:
            settings = DockerSettings(image=image, run_id=run_id,
                                      limits=Limits(output_bytes=output_limit))
            sandbox = DockerSandbox(client, settings, workspace)
        opened.append(sandbox)
        return sandbox

    make.kind = request.param
    yield make
    for sandbox in opened:
        sandbox.close()


def test_exec_runs_in_the_workspace_with_separate_streams(make_sandbox):
    sandbox = make_sandbox()
    result = sandbox.exec(["sh", "-c", "pwd; echo to-err >&2"], timeout_s=30)
    assert result.returncode == 0 and not result.timed_out and not result.truncated
    assert result.stdout.strip() == str(sandbox.workspace)
    assert result.stderr.strip() == "to-err"
    assert result.duration_s >= 0


def test_exit_codes_are_data(make_sandbox):
    sandbox = make_sandbox()
    assert sandbox.exec(["sh", "-c", "exit 3"], timeout_s=30).returncode == 3
    assert sandbox.exec(["false"], timeout_s=30).returncode == 1
    killed = sandbox.exec(["sh", "-c", "kill -KILL $$"], timeout_s=30)
    assert killed.returncode in (-9, 137) and not killed.timed_out


def test_timeout_kills_the_command_and_its_children(make_sandbox):
    sandbox = make_sandbox()
    result = sandbox.exec(["sh", "-c", "sleep 4242 & sleep 4242"], timeout_s=2)
    assert result.timed_out and result.returncode != 0
    assert result.duration_s < 20
    assert _gone(b"sleep 4242"), "a timed-out command's child outlived it"
    again = sandbox.exec(["echo", "still usable"], timeout_s=30)
    assert again.returncode == 0 and again.stdout.strip() == "still usable"


def test_background_children_do_not_outlive_their_command(make_sandbox):
    sandbox = make_sandbox()
    result = sandbox.exec(["sh", "-c", "sleep 4243 >/dev/null 2>&1 & echo started"], timeout_s=30)
    assert result.returncode == 0 and result.stdout.strip() == "started"
    assert _gone(b"sleep 4243")


def test_output_is_capped_on_both_streams(make_sandbox):
    sandbox = make_sandbox()
    out = sandbox.exec(["head", "-c", "3000000", "/dev/zero"], timeout_s=60)
    assert out.returncode == 0 and out.truncated
    assert LIMIT <= len(out.stdout) < LIMIT + 200 and "truncated" in out.stdout
    err = sandbox.exec(["sh", "-c", "head -c 3000000 /dev/zero >&2; echo done"], timeout_s=60)
    assert err.truncated and err.stdout.strip() == "done"
    assert LIMIT <= len(err.stderr) < LIMIT + 200


def test_undecodable_output_is_replaced_not_fatal(make_sandbox):
    result = make_sandbox().exec(["printf", "\\377\\376ok"], timeout_s=30)
    assert result.returncode == 0 and result.stdout.endswith("ok")


def test_files_round_trip_between_host_and_sandbox(make_sandbox):
    sandbox = make_sandbox()
    sandbox.write_file("src/deep/in.txt", b"from host\n")
    script = "cat src/deep/in.txt; printf 'from sandbox' > src/deep/out.txt"
    result = sandbox.exec(["sh", "-c", script], timeout_s=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "from host\n"
    assert sandbox.read_file("src/deep/out.txt") == b"from sandbox"
    sandbox.write_file("src/deep/in.txt", b"overwritten")  # the sandbox may own it by now
    assert sandbox.read_file("src/deep/in.txt") == b"overwritten"


@pytest.mark.parametrize("path", ["../escape.txt", "/etc/passwd", "a/../../escape.txt"])
def test_paths_outside_the_workspace_are_refused(make_sandbox, path):
    sandbox = make_sandbox()
    with pytest.raises(ValueError):
        sandbox.write_file(path, b"x")
    with pytest.raises(ValueError):
        sandbox.read_file(path)
    assert not (sandbox.workspace.parent / "escape.txt").exists()


def test_close_stops_a_running_command(make_sandbox):
    sandbox = make_sandbox()
    outcome: dict = {}

    def run():
        try:
            outcome["result"] = sandbox.exec(["sleep", "4244"], timeout_s=120)
        except Exception as exc:  # docker: the closed sandbox reports an infra failure
            outcome["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(2)
    started = time.monotonic()
    sandbox.close()
    worker.join(30)
    assert not worker.is_alive(), "close() did not stop the running command"
    assert time.monotonic() - started < 30
    assert "error" in outcome or outcome["result"].returncode != 0
    assert _gone(b"sleep 4244")
    if make_sandbox.kind == "docker":
        client = sandbox.client
        assert kateval_containers(client, sandbox.settings.run_id) == []


def _gone(needle: bytes, within_s: float = 10.0) -> bool:
    """Whether no host process matches `needle` (the kernel may need a moment to reap)."""
    deadline = time.monotonic() + within_s
    while host_processes(needle):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def test_workspace_path_is_the_same_inside(make_sandbox):
    """kotlinc.build_steps uses relative paths with cwd = workspace: they must line up."""
    sandbox = make_sandbox()
    sandbox.write_file("build/marker", b"1")
    result = sandbox.exec(["sh", "-c", f"test -f {sandbox.workspace}/build/marker"], timeout_s=30)
    assert result.returncode == 0


# ---------------------------------------------------------------- isolation (threat model)
def test_only_the_workspace_and_the_toolchain_are_visible(make_sandbox, toolchain, tmp_path):
    sandbox = make_sandbox()
    outside = tmp_path / "outside.txt"  # a host file next to the workspace
    outside.write_text("host secret")
    home_canary = Path.home() / f".kateval-conformance-{tmp_path.name}"
    home_canary.write_text("host home")
    # An image has its own empty /root, /home and /run; only the host's must stay unseen.
    own_dirs = ["/root", "/home", "/run"] if make_sandbox.kind == "local" else []
    probes = [str(outside), str(home_canary), *own_dirs, "/var/run/docker.sock",
              str(__import__("tests.conftest", fromlist=["REPO_ROOT"]).REPO_ROOT / "tasks")]
    script = "; ".join(f"test -e {p} && echo VISIBLE {p}" for p in probes) + "; true"
    result = sandbox.exec(["sh", "-c", script], timeout_s=30)
    home_canary.unlink()
    assert "VISIBLE" not in result.stdout, result.stdout
    assert sandbox.exec(["sh", "-c", "touch /kateval-root-write"], timeout_s=30).returncode != 0
    assert sandbox.exec(["sh", "-c", "touch /usr/kateval-write"], timeout_s=30).returncode != 0


def test_the_environment_is_an_allow_list(make_sandbox, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-conformance-canary")
    monkeypatch.setenv("SOME_DEPLOY_SECRET", "canary-2")
    sandbox = make_sandbox()
    result = sandbox.exec(["env"], timeout_s=30)
    assert "canary" not in result.stdout, result.stdout
    if make_sandbox.kind != "local":
        return  # an image sets its own tool variables (KOTLIN_HOME, GRADLE_*); no host value
    names = {line.split("=", 1)[0] for line in result.stdout.splitlines() if "=" in line}
    assert names <= {"PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ", "HOSTNAME", "PWD",
                     "SHLVL", "_", "container"}, names


def test_a_setsid_child_dies_with_its_command(make_sandbox):
    sandbox = make_sandbox()
    start = time.monotonic()
    result = sandbox.exec(["sh", "-c", "setsid sh -c 'exec sleep 917' & sleep 0.5; echo up"],
                          timeout_s=30)
    assert result.stdout.strip() == "up" and time.monotonic() - start < 15
    assert _gone(b"sleep 917"), host_processes(b"sleep 917")


def test_a_setsid_child_past_the_timeout_does_not_stall_the_worker(make_sandbox):
    sandbox = make_sandbox()
    start = time.monotonic()
    result = sandbox.exec(["sh", "-c", "setsid sh -c 'exec sleep 918'; sleep 60"], timeout_s=2)
    assert result.timed_out and time.monotonic() - start < 12
    assert _gone(b"sleep 918"), host_processes(b"sleep 918")
