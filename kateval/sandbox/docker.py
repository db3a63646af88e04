"""Docker sandbox: one locked-down container per sandbox, the workspace bind-mounted in.

Each sandbox (one attempt of one sample) gets its own container: no network, a read-only root,
a tmpfs /tmp, a non-root user, no capabilities, no-new-privileges, memory/CPU/pids limits, and
a `kateval.run-id` label. Commands run with `docker exec`. A command that times out, or leaves
processes behind, gets its container removed; the next command starts a fresh one on the same
workspace, the way the local sandbox kills a command's whole process group.
bench/sandbox_bench.py measures this against one reused container per worker.
Under the warm toolchain, compiles go to long-lived compile containers, one per build slot
(docker_warm.py); test steps still run here, in the sample's own container.
"""

from __future__ import annotations

import atexit
import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kateval.config import Limits, Suite
from kateval.errors import ConfigError, InfraError, ToolchainError
from kateval.sandbox import ExecResult, cap_text
from kateval.sandbox import image as images
from kateval.toolchains import kotlinc

SANDBOX_UID = 10001  # the image's `kateval` user (sandboxes/kotlin-jvm/Dockerfile)
RUN_LABEL = "kateval.run-id"
OWNER_LABEL = "kateval.owner"
# warm: its compile services run in containers of their own (docker_warm.py); the samples'
# test steps, as every kotlinc step, in the sample's container.
DOCKER_TOOLCHAINS = ("kotlinc", "warm")
KILLED_RC = -9  # what the local sandbox reports for a command killed on timeout
_STREAM_GRACE_S = 30.0
_KILL_SETTLE_S = 1.5


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (field 22 of /proc/PID/stat)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def owner_token(pid: int | None = None) -> str:
    """host:pid:start-time of a kateval process; pid reuse cannot fake a live owner."""
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}:{pid}:{_start_time(pid)}"


def owner_alive(token: str) -> bool:
    host, _, rest = token.partition(":")
    pid = rest.partition(":")[0]
    return host == socket.gethostname() and pid.isdigit() and owner_token(int(pid)) == token


@dataclass(frozen=True)
class DockerSettings:
    """What every container of a run shares."""

    image: str
    run_id: str
    limits: Limits = Limits()
    tmpfs_mb: int = 512
    file_size_mb: int = 2048  # RLIMIT_FSIZE: the workspace is host disk


def _user_for_host() -> tuple[int, int]:
    # As root we chown the workspace to the image's user; otherwise the caller's own ids
    # already own it, and are non-root.
    return (SANDBOX_UID, SANDBOX_UID) if os.geteuid() == 0 else (os.getuid(), os.getgid())


@dataclass(frozen=True)
class View:
    """What a container shows of the host: the workspace (read-only for test steps, so no
    step changes a later step's input) and, for a test step, its harness-owned outputs."""

    read_only: bool = False
    outputs: str | None = None


def container_config(settings: DockerSettings, mount: Path, workspace: Path,
                     view: View = View()) -> dict:
    """Keyword arguments for `containers.run`: the whole security policy in one place."""
    from docker.types import Mount, Ulimit

    uid, gid = _user_for_host()
    limits = settings.limits
    fsize = settings.file_size_mb * 1024 * 1024
    return dict(
        image=settings.image, command=["sleep", "infinity"], detach=True,
        user=f"{uid}:{gid}", working_dir=str(workspace), hostname="sandbox",
        environment={"HOME": "/tmp", "TMPDIR": "/tmp"},
        network_mode="none", ipc_mode="none", read_only=True,
        tmpfs={"/tmp": f"rw,nosuid,nodev,noexec,size={settings.tmpfs_mb}m,mode=1777"},
        mounts=[Mount(target=str(mount), source=str(mount), type="bind",
                      read_only=view.read_only)]
        + ([Mount(target=view.outputs, source=view.outputs, type="bind")] if view.outputs else []),
        mem_limit=f"{limits.memory_mb}m", memswap_limit=f"{limits.memory_mb}m",
        nano_cpus=int(limits.cpus * 1e9), pids_limit=limits.pids,
        security_opt=["no-new-privileges"], cap_drop=["ALL"],
        ulimits=[Ulimit(name="fsize", soft=fsize, hard=fsize), Ulimit(name="core", soft=0, hard=0)],
        labels={RUN_LABEL: settings.run_id, OWNER_LABEL: owner_token(),
                "kateval.workspace": str(workspace)})


def _chown_tree(root: Path, uid: int, gid: int) -> None:
    os.lchown(root, uid, gid)
    for base, dirs, files in os.walk(root):
        for name in dirs + files:
            os.lchown(os.path.join(base, name), uid, gid)


class _Reader(threading.Thread):
    """Drains an exec stream, keeping at most `limit`+1 bytes of each of stdout and stderr."""

    def __init__(self, stream, limit: int):
        super().__init__(daemon=True)
        self.stream, self.limit = stream, limit
        self.out: list[bytes] = []
        self.err: list[bytes] = []
        self.kept = [0, 0]
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            for chunks in self.stream:
                for index, (chunk, sink) in enumerate(zip(chunks, (self.out, self.err))):
                    if chunk and self.kept[index] <= self.limit:
                        sink.append(chunk[: self.limit + 1 - self.kept[index]])
                        self.kept[index] += len(sink[-1])
        except BaseException as exc:  # reported by exec unless the container was killed
            self.error = exc


class DockerSandbox:
    """The `Sandbox` protocol on a Docker container; the workspace stays a host directory.

    `mount` is the host directory bind-mounted at the same path (default: the workspace);
    the bench passes a parent folder to reuse one container across workspaces.
    """

    def __init__(self, client, settings: DockerSettings, workspace: Path,
                 mount: Path | None = None, *, start: bool = True):
        self.client, self.settings = client, settings
        self.workspace = Path(workspace).resolve()
        self.workspace.mkdir(parents=True, exist_ok=True)
        self.mount = Path(mount).resolve() if mount else self.workspace
        self.output_limit = settings.limits.output_bytes
        self._uid, self._gid = _user_for_host()
        if os.geteuid() == 0:
            _chown_tree(self.workspace, self._uid, self._gid)
        self._lock = threading.Lock()
        self._container = None
        self._view = View()
        self._closed = False
        if start:  # an engine that cannot start containers fails here, as infra
            self._start(View())

    # ------------------------------------------------------------ containers
    def _start(self, view: View):
        """The container showing `view`; one that shows another view is replaced (a
        running container's mounts cannot change)."""
        with self._lock:
            if self._closed:
                raise InfraError("sandbox is closed (run interrupted)")
            stale = self._container if self._view != view else None
        if stale is not None:
            self._discard(stale)
        with self._lock:
            if self._container is None:
                if view.outputs and os.geteuid() == 0:
                    os.lchown(view.outputs, self._uid, self._gid)
                config = container_config(self.settings, self.mount, self.workspace, view)
                self._container = self.client.containers.run(**config)
                self._view = view
            return self._container

    def _discard(self, container) -> None:
        """Remove `container` (SIGKILL to everything in it) if it is still the current one."""
        import docker

        with self._lock:
            if self._container is not None and self._container.id == container.id:
                self._container = None
        try:
            container.remove(force=True)
        except docker.errors.NotFound:
            pass  # already gone: close() and a timeout can race, both want it dead

    def _leftovers(self, container) -> bool:
        """Whether anything but PID 1 still runs (a daemonized child, a fork bomb...)."""
        try:
            return len(container.top().get("Processes") or []) > 1
        except Exception:  # cannot tell: treat as dirty, a fresh container is cheap
            return True

    # ------------------------------------------------------------ protocol
    def exec(self, cmd: list[str], *, timeout_s: float, read_only: bool = False,
             outputs: str | None = None) -> ExecResult:
        container = self._start(View(read_only, outputs))
        api = self.client.api
        start = time.monotonic()
        exec_id = api.exec_create(container.id, cmd, workdir=str(self.workspace))["Id"]
        stream = api.exec_start(exec_id, stream=True, demux=True)
        reader = _Reader(stream, self.output_limit)
        reader.start()
        timed_out = False
        try:
            reader.join(timeout_s)
            timed_out = reader.is_alive()
        finally:  # a timeout, and Ctrl-C while waiting, both kill the container
            if reader.is_alive():
                self._discard(container)
                reader.join(_STREAM_GRACE_S)
        duration = time.monotonic() - start
        stream.close()  # release the hijacked socket now, not at garbage collection
        if reader.is_alive():
            raise InfraError(f"docker exec stream did not close {_STREAM_GRACE_S:.0f}s after "
                             "its container was removed; check the engine")
        returncode = KILLED_RC if timed_out else self._exit_code(exec_id, reader, container)
        if not timed_out and self._leftovers(container):
            self._discard(container)
        stdout, cut_out = cap_text(b"".join(reader.out), self.output_limit)
        stderr, cut_err = cap_text(b"".join(reader.err), self.output_limit)
        return ExecResult(returncode=returncode, stdout=stdout, stderr=stderr,
                          timed_out=timed_out, duration_s=duration,
                          truncated=cut_out or cut_err)

    def _exit_code(self, exec_id: str, reader: _Reader, container) -> int:
        """The command's exit code; anything else (engine gone, container gone) is infra."""
        if self._closed:
            raise InfraError("sandbox closed while a command ran (run interrupted)")
        if reader.error is not None:
            raise InfraError(f"docker exec stream failed: {reader.error}") from reader.error
        # The exit code lands a few milliseconds after the stream closes: short waits first
        # (a test step's every exec comes through here), five seconds in all.
        deadline, pause = time.monotonic() + 5.0, 0.002
        while True:
            info = self.client.api.exec_inspect(exec_id)
            if not info.get("Running") and info.get("ExitCode") is not None:
                break
            if time.monotonic() >= deadline:
                raise InfraError(f"docker exec {exec_id[:12]} never reported an exit code")
            time.sleep(pause)
            pause = min(pause * 2, 0.1)
        # Sample code cannot stop PID 1 (a namespace init ignores signals from inside), so a
        # container that stopped under a command was removed from outside or lost its engine:
        # the 137 that exec reports then is not the model's outcome. The exec dies a moment
        # before the container's state flips, so a SIGKILLed command waits a little to tell
        # that apart from the OOM killer, which leaves PID 1 running.
        settle = time.monotonic() + (_KILL_SETTLE_S if info["ExitCode"] == 137 else 0)
        while True:
            if not self._still_running(container):
                raise InfraError(f"container {container.short_id} stopped while a command ran "
                                 "(removed outside kateval, or the engine restarted)")
            if time.monotonic() >= settle:
                return int(info["ExitCode"])
            time.sleep(0.1)

    def _still_running(self, container) -> bool:
        import docker

        try:
            state = self.client.api.inspect_container(container.id)["State"]
        except docker.errors.NotFound:
            return False
        return bool(state.get("Running"))

    def _path(self, path: str) -> Path:
        full = (self.workspace / path).resolve()
        if not full.is_relative_to(self.workspace):
            raise ValueError(f"path escapes the workspace: {path}")
        return full

    def write_file(self, path: str, data: bytes) -> None:
        full = self._path(path)
        missing = [p for p in [full.parent, *full.parent.parents] if not p.exists()]
        full.parent.mkdir(parents=True, exist_ok=True)
        full.write_bytes(data)
        if os.geteuid() == 0:  # keep it writable for the container's user
            for created in [full, *missing]:
                os.lchown(created, self._uid, self._gid)

    def read_file(self, path: str) -> bytes:
        return self._path(path).read_bytes()

    def close(self) -> None:
        """Remove the container. Safe from another thread while exec runs (Ctrl-C)."""
        with self._lock:
            self._closed = True
            container, self._container = self._container, None
        if container is not None:
            self._discard(container)


# ---------------------------------------------------------------- run-level helpers
def remove_containers(client, run_id: str | None = None, owner: str | None = None) -> list[str]:
    """Force-remove kateval containers (of one run, one owner, or all); returns their names."""
    filters = {"label": [f"{RUN_LABEL}={run_id}" if run_id else RUN_LABEL]}
    if owner:
        filters["label"].append(f"{OWNER_LABEL}={owner}")
    removed = []
    for container in client.containers.list(all=True, filters=filters):
        try:
            container.remove(force=True)
            removed.append(container.name)
        except Exception:  # already gone, or the engine is going away: nothing to keep
            pass
    return removed


def orphaned_containers(client) -> list:
    """kateval containers whose owning process is no longer alive on this host."""
    found = client.containers.list(all=True, filters={"label": RUN_LABEL})
    return [c for c in found if not owner_alive(c.labels.get(OWNER_LABEL, ""))]


def make_docker_opener(suite: Suite, run_id: str):
    """The SandboxOpener for `--sandbox docker`; checks the engine and the image up front."""
    if suite.toolchain not in DOCKER_TOOLCHAINS:
        # Never a silent switch to another build: the result would not mean what was asked.
        raise ConfigError(f"toolchain '{suite.toolchain}' does not run under --sandbox docker "
                          f"yet (choices there: {', '.join(DOCKER_TOOLCHAINS)}); use "
                          "--sandbox local, or toolchain: kotlinc")
    client = images.connect()
    tag = suite.docker_image
    if tag is None:
        tag = images.image_inputs().tag
    if not images.image_exists(client, tag):
        raise ToolchainError(f"sandbox image {tag} not found; run `kateval sandbox build`")
    settings = DockerSettings(image=tag, run_id=run_id, limits=suite.limits,
                              file_size_mb=suite.limits.file_size_mb)
    # Belt and braces for clean-up: whatever a thread still held when the process exits.
    atexit.register(_remove_quietly, client, run_id, owner_token())

    if suite.toolchain == "warm":
        from kateval.sandbox.docker_warm import warm_toolchain

        warm = warm_toolchain(client, settings, container_config, images.image_tools())
        atexit.register(warm.close)  # its containers and slot folders go with the run

        def open_warm(root: Path):
            # Not started yet: every build step goes to a compile container, and the first
            # container a sample needs shows the workspace as its first test step must.
            return DockerSandbox(client, settings, root, start=False), warm.session(root)

        return open_warm
    toolchain = kotlinc.KotlincToolchain(images.IMAGE_TOOLS)

    def open_docker(root: Path):
        return DockerSandbox(client, settings, root), toolchain

    return open_docker


def _remove_quietly(client, run_id: str, owner: str) -> None:
    try:
        remove_containers(client, run_id=run_id, owner=owner)
    except Exception:  # the engine may already be gone at exit; prune covers that case
        pass
