"""Local sandbox: bubblewrap that shows only the workspace and the toolchain.

With bwrap (the default) a command sees the workspace (the only writable place), read-only
/usr and the few /etc entries a JVM needs, the toolchain's folders read-only, and a private,
bounded /tmp; no /home, /root, /run, /var, tasks or run folder. Every namespace is unshared
(network, pid, ipc, uts, cgroup), capabilities are dropped, the environment is an allow-list,
and rlimits bound file size, CPU time, open files and core dumps. A cgroup (v1 or v2, where
this user may create one) bounds memory and processes and kills the whole tree on timeout;
the pid namespace does that too, whatever a child did with `setsid`.

`isolate=False` is the explicit `--sandbox none`: a process group killed on timeout, nothing
more.
"""

from __future__ import annotations

import glob
import os
import select
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kateval.errors import ToolchainError
from kateval.sandbox import ExecResult, cap_text
from kateval.sandbox.cgroup import Cgroup

ENV_ALLOW = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp",
             "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC"}
ETC_RO = ["/etc/alternatives", "/etc/java-*", "/etc/ld.so.cache", "/etc/ld.so.conf",
          "/etc/ld.so.conf.d", "/etc/localtime", "/etc/nsswitch.conf", "/etc/passwd",
          "/etc/group"]
_READER_GRACE_S = 5.0
BWRAP_FIX = ("install bubblewrap (apt-get install bubblewrap), or run with --sandbox docker; "
             "--sandbox none runs model code without isolation")


@dataclass(frozen=True)
class LocalLimits:
    """Per-command resource limits of the local sandbox."""

    memory_mb: int = 2048
    pids: int = 256
    file_size_mb: int = 512
    tmp_mb: int = 256
    open_files: int = 4096


def _drain(stream, limit: int, sink: list[bytes]) -> None:
    """Keep reading so a chatty child never blocks, but keep only `limit`+1 bytes."""
    kept = 0
    try:
        for chunk in iter(lambda: stream.read(65536), b""):
            if kept <= limit:
                sink.append(chunk[: limit + 1 - kept])
                kept += len(sink[-1])
    except (OSError, ValueError):  # closed under us after a kill: the sample is over
        pass


def _ro_binds(paths: list[str]) -> list[str]:
    args: list[str] = []
    for path in paths:
        for found in sorted(glob.glob(path)) or []:
            args += ["--ro-bind", found, found]
    return args


def _root_dirs() -> list[str]:
    """/usr read-only, and /bin, /lib... as the host has them (symlinks on merged-/usr)."""
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = f"/{name}"
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    return args


def bwrap_argv(workspace: Path, ro_paths: list[str], limits: LocalLimits, *,
               read_only: bool = False, outputs: str | None = None) -> list[str]:
    """The bwrap command line, up to (not including) the command itself. `read_only` binds
    the workspace read-only; `outputs` binds that one harness-owned folder writable."""
    # The bwrap on the caller's PATH, as doctor checks it: the sandbox's env has its own PATH.
    args = [shutil.which("bwrap") or "bwrap", "--die-with-parent", "--new-session",
            "--unshare-net", "--unshare-pid",
            "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "sandbox",
            "--cap-drop", "ALL", "--clearenv"]
    for key, value in ENV_ALLOW.items():
        args += ["--setenv", key, value]
    args += _root_dirs() + _ro_binds(ETC_RO)
    args += ["--proc", "/proc", "--dev", "/dev",
             "--size", str(limits.tmp_mb * 1024 * 1024), "--tmpfs", "/tmp"]
    args += _ro_binds(ro_paths)  # after the tmpfs, so toolchain paths under /tmp show
    args += ["--ro-bind" if read_only else "--bind", str(workspace), str(workspace)]
    if outputs:
        args += ["--bind", outputs, outputs]
    args += ["--chdir", str(workspace)]
    return args + ["--remount-ro", "/"]  # bwrap's own root tmpfs: nothing new at the top


def prlimit_argv(limits: LocalLimits, cpu_s: int) -> list[str]:
    fsize = limits.file_size_mb * 1024 * 1024
    return [shutil.which("prlimit") or "prlimit", f"--fsize={fsize}", f"--cpu={cpu_s}",
            f"--nofile={limits.open_files}",
            "--core=0", "--"]


def bwrap_available() -> bool:
    return shutil.which("bwrap") is not None and shutil.which("prlimit") is not None


class LocalSandbox:
    """Runs commands on this machine inside `workspace` (see the module docstring)."""

    def __init__(self, workspace: Path, *, output_limit: int = 1_000_000, isolate: bool = True,
                 ro_paths: list[str] | None = None, limits: LocalLimits = LocalLimits()):
        self.workspace = Path(workspace).resolve()
        self.workspace.mkdir(parents=True, exist_ok=True)
        self.output_limit = output_limit
        if isolate and not bwrap_available():
            raise ToolchainError(f"bwrap not found: {BWRAP_FIX}")
        self.isolate = isolate
        self.ro_paths = list(ro_paths or [])
        self.limits = limits
        self._live: dict[int, Cgroup | None] = {}
        self._lock = threading.Lock()

    def _path(self, path: str) -> Path:
        full = (self.workspace / path).resolve()
        if not full.is_relative_to(self.workspace):
            raise ValueError(f"path escapes the workspace: {path}")
        return full

    def argv(self, cmd: list[str], timeout_s: float, cgroup: Cgroup | None, *,
             read_only: bool = False, outputs: str | None = None) -> list[str]:
        if not self.isolate:
            return cmd
        cpu_s = int(timeout_s * 2) + 10  # CPU seconds; wall time is bounded by the timeout
        wrap = cgroup.enter_argv() if cgroup else []
        return wrap + prlimit_argv(self.limits, cpu_s) + \
            bwrap_argv(self.workspace, self.ro_paths, self.limits, read_only=read_only,
                       outputs=outputs) + cmd

    def exec(self, cmd: list[str], *, timeout_s: float, read_only: bool = False,
             outputs: str | None = None) -> ExecResult:
        cgroup = Cgroup.create(self.limits.memory_mb, self.limits.pids) if self.isolate else None
        env = dict(ENV_ALLOW) if self.isolate else _env_without_secrets()
        if outputs and not os.path.isabs(outputs):
            outputs = str(self._path(outputs))
        if outputs:
            os.makedirs(outputs, exist_ok=True)
        argv = self.argv(cmd, timeout_s, cgroup, read_only=read_only, outputs=outputs)
        start = time.monotonic()
        proc = subprocess.Popen(argv, cwd=self.workspace,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, start_new_session=True, env=env)
        with self._lock:
            self._live[proc.pid] = cgroup
        out: list[bytes] = []
        err: list[bytes] = []
        readers = [threading.Thread(target=_drain, args=(proc.stdout, self.output_limit, out),
                                    daemon=True),
                   threading.Thread(target=_drain, args=(proc.stderr, self.output_limit, err),
                                    daemon=True)]
        for reader in readers:
            reader.start()
        timed_out = False
        try:
            timed_out = not wait_exit(proc, timeout_s)
        finally:
            self._kill(proc.pid, cgroup)
            proc.wait()
            with self._lock:
                self._live.pop(proc.pid, None)
        for reader in readers:  # never wait on a dead sample's output for long
            reader.join(_READER_GRACE_S)
        for stream in (proc.stdout, proc.stderr):
            try:
                stream.close()
            except OSError:
                pass
        oom = cgroup.oom_killed() if cgroup else False
        if cgroup:
            cgroup.remove()
        stdout, cut_out = cap_text(b"".join(out), self.output_limit)
        stderr, cut_err = cap_text(b"".join(err), self.output_limit)
        if oom:
            stderr += f"\n[kateval: memory limit of {self.limits.memory_mb} MiB reached]\n"
        return ExecResult(returncode=proc.returncode, stdout=stdout, stderr=stderr,
                          timed_out=timed_out, duration_s=time.monotonic() - start,
                          truncated=cut_out or cut_err)

    @staticmethod
    def _kill(pid: int, cgroup: Cgroup | None) -> None:
        # The process group, then every process in the cgroup: a child that left the group
        # with setsid is still in the cgroup (and in bwrap's pid namespace, which dies too).
        try:
            os.killpg(pid, 9)
        except (ProcessLookupError, PermissionError):
            pass
        if cgroup:
            cgroup.kill_all()

    def write_file(self, path: str, data: bytes) -> None:
        full = self._path(path)
        full.parent.mkdir(parents=True, exist_ok=True)
        full.write_bytes(data)

    def read_file(self, path: str) -> bytes:
        return self._path(path).read_bytes()

    def close(self) -> None:
        """Kill whatever is still running (another thread may be inside exec on Ctrl-C)."""
        with self._lock:
            live = list(self._live.items())
        for pid, cgroup in live:
            self._kill(pid, cgroup)


def _env_without_secrets() -> dict[str, str]:
    """For --sandbox none: the allow-list plus the host's PATH, so tools are found."""
    return ENV_ALLOW | {"PATH": os.environ.get("PATH", ENV_ALLOW["PATH"])}


def check_bwrap(ro_paths: list[str]) -> str | None:
    """Run `true` with the exact command line the sandbox uses; None if it works, else why."""
    if not bwrap_available():
        return "bwrap or prlimit not found"
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kateval-bwrap-check-") as tmp:
        try:
            result = LocalSandbox(Path(tmp), ro_paths=ro_paths).exec(["true"], timeout_s=30)
        except Exception as exc:  # whatever stops it is what doctor must show
            return f"{type(exc).__name__}: {exc}"
    if result.returncode != 0:
        return f"exit {result.returncode}: {(result.stderr or result.stdout).strip()[-300:]}"
    return None


def wait_exit(proc: subprocess.Popen, timeout_s: float) -> bool:
    """Wait for `proc` to exit: True, or False at the timeout. A pidfd wakes at the exit
    itself; Popen.wait(timeout) polls with sleeps of up to 50 ms, which every short step
    (a 0.2 s test run) paid on top."""
    try:
        fd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):  # no pidfd (old kernel), or already reaped
        try:
            proc.wait(timeout=timeout_s)
            return True
        except subprocess.TimeoutExpired:
            return False
    try:
        exited = bool(select.select([fd], [], [], timeout_s)[0])
    finally:
        os.close(fd)
    if exited:
        proc.wait()
    return exited
