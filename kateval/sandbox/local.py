"""Local sandbox: a subprocess in its own process group, network cut with bubblewrap."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

from kateval.errors import ToolchainError
from kateval.sandbox import ExecResult, cap_text


def _drain(stream, limit: int, sink: list[bytes]) -> None:
    """Keep reading so a chatty child never blocks, but keep only `limit`+1 bytes."""
    kept = 0
    for chunk in iter(lambda: stream.read(65536), b""):
        if kept <= limit:
            sink.append(chunk[: limit + 1 - kept])
            kept += len(sink[-1])
    stream.close()


def bwrap_prefix(workspace: Path, ro_paths: list[str]) -> list[str]:
    """Everything read-only but the workspace and a private /tmp; no network; own pid space."""
    args = ["bwrap", "--die-with-parent", "--unshare-net", "--unshare-pid", "--unshare-ipc",
            "--new-session", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
            "--tmpfs", "/tmp"]
    for path in ro_paths:  # re-bind paths under /tmp that the tmpfs would hide
        args += ["--ro-bind", path, path]
    return args + ["--bind", str(workspace), str(workspace), "--chdir", str(workspace)]


class LocalSandbox:
    """Runs commands on this machine inside `workspace`.

    With `isolate=True` (the default when bwrap exists) the command cannot reach the network
    and cannot write outside the workspace. Without bwrap it still gets a process group that
    is killed whole on timeout.
    """

    def __init__(self, workspace: Path, *, output_limit: int = 1_000_000,
                 isolate: bool | None = None, ro_paths: list[str] | None = None):
        self.workspace = Path(workspace).resolve()
        self.workspace.mkdir(parents=True, exist_ok=True)
        self.output_limit = output_limit
        has_bwrap = shutil.which("bwrap") is not None
        if isolate and not has_bwrap:
            raise ToolchainError("bwrap not found: install bubblewrap (apt-get install bubblewrap)")
        self.isolate = has_bwrap if isolate is None else isolate
        self.ro_paths = [p for p in (ro_paths or []) if p.startswith("/tmp")]
        self._live: set[int] = set()

    def _path(self, path: str) -> Path:
        full = (self.workspace / path).resolve()
        if not full.is_relative_to(self.workspace):
            raise ValueError(f"path escapes the workspace: {path}")
        return full

    def exec(self, cmd: list[str], *, timeout_s: float) -> ExecResult:
        argv = (bwrap_prefix(self.workspace, self.ro_paths) if self.isolate else []) + cmd
        env = {k: v for k, v in os.environ.items() if not k.endswith(("_API_KEY", "_TOKEN"))}
        start = time.monotonic()
        proc = subprocess.Popen(argv, cwd=self.workspace, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                start_new_session=True, env=env)
        self._live.add(proc.pid)
        out: list[bytes] = []
        err: list[bytes] = []
        readers = [threading.Thread(target=_drain, args=(proc.stdout, self.output_limit, out)),
                   threading.Thread(target=_drain, args=(proc.stderr, self.output_limit, err))]
        for reader in readers:
            reader.start()
        timed_out = False
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            self._kill_group(proc.pid)
            proc.wait()
            self._live.discard(proc.pid)
        for reader in readers:
            reader.join()
        stdout, cut_out = cap_text(b"".join(out), self.output_limit)
        stderr, cut_err = cap_text(b"".join(err), self.output_limit)
        return ExecResult(returncode=proc.returncode, stdout=stdout, stderr=stderr,
                          timed_out=timed_out, duration_s=time.monotonic() - start,
                          truncated=cut_out or cut_err)

    @staticmethod
    def _kill_group(pid: int) -> None:
        # Children that ignore SIGTERM or daemonize in the group are reaped too.
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def write_file(self, path: str, data: bytes) -> None:
        full = self._path(path)
        full.parent.mkdir(parents=True, exist_ok=True)
        full.write_bytes(data)

    def read_file(self, path: str) -> bytes:
        return self._path(path).read_bytes()

    def close(self) -> None:
        """Kill whatever is still running (another thread may be inside exec on Ctrl-C)."""
        for pid in list(self._live):
            self._kill_group(pid)
