"""A throwaway cgroup per sandboxed command: a memory and a process limit, and a way to kill
every process in it at once. cgroup v1 (memory and pids controllers) or v2, whichever this
user may create children in; `Cgroup.create` returns None where neither is writable, and the
sandbox then relies on rlimits and its pid namespace alone."""

from __future__ import annotations

import os
import secrets
import shlex
import signal
import time
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")


def _own_paths() -> dict[str, str]:
    """controller -> this process's cgroup path ('' is the v2 unified hierarchy)."""
    paths = {}
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return {}
    for line in lines:
        _, controllers, path = line.split(":", 2)
        for name in controllers.split(",") if controllers else [""]:
            paths[name] = path
    return paths


def _write(path: Path, value: str) -> None:
    with open(path, "w") as handle:
        handle.write(value)


class Cgroup:
    """One command's cgroup: `dirs` are its folders (one per v1 controller, or one for v2)."""

    def __init__(self, dirs: list[Path], v2: bool):
        self.dirs, self.v2 = dirs, v2

    @classmethod
    def create(cls, memory_mb: int, pids: int) -> Cgroup | None:
        name = f"kateval-{secrets.token_hex(6)}"
        own = _own_paths()
        for attempt in (cls._v1, cls._v2):
            try:
                group = attempt(own, name, memory_mb, pids)
            except OSError:
                group = None
            if group is not None:
                return group
        return None

    @classmethod
    def _v1(cls, own: dict[str, str], name: str, memory_mb: int, pids: int) -> Cgroup | None:
        if not (ROOT / "pids").is_dir() or "pids" not in own or "memory" not in own:
            return None
        pid_dir = ROOT / "pids" / own["pids"].lstrip("/") / name
        mem_dir = ROOT / "memory" / own["memory"].lstrip("/") / name
        made = []
        try:
            for folder in (pid_dir, mem_dir):
                folder.mkdir()
                made.append(folder)
            _write(pid_dir / "pids.max", str(pids))
            _write(mem_dir / "memory.limit_in_bytes", str(memory_mb * 1024 * 1024))
            try:  # no swap either, where the kernel accounts it
                _write(mem_dir / "memory.memsw.limit_in_bytes", str(memory_mb * 1024 * 1024))
            except OSError:
                pass
        except OSError:
            for folder in made:
                _rmdir(folder)
            return None
        return cls([pid_dir, mem_dir], v2=False)

    @classmethod
    def _v2(cls, own: dict[str, str], name: str, memory_mb: int, pids: int) -> Cgroup | None:
        unified = ROOT if (ROOT / "cgroup.controllers").exists() else None
        if unified is None or "" not in own:
            return None
        folder = unified / own[""].lstrip("/") / name
        folder.mkdir()
        try:
            _write(folder / "memory.max", str(memory_mb * 1024 * 1024))
            _write(folder / "memory.swap.max", "0")
            _write(folder / "pids.max", str(pids))
        except OSError:
            _rmdir(folder)
            return None
        return cls([folder], v2=True)

    def enter_argv(self) -> list[str]:
        """A prefix that moves the command into this cgroup before it execs."""
        script = "".join(f"echo $$ > {shlex.quote(str(d / 'cgroup.procs'))} && "
                         for d in self.dirs)
        return ["/bin/sh", "-c", script + 'exec "$@"', "kateval-cgroup"]

    def pids(self) -> list[int]:
        try:
            text = (self.dirs[0] / "cgroup.procs").read_text()
        except OSError:
            return []
        return [int(p) for p in text.split()]

    def kill_all(self) -> None:
        if self.v2 and (self.dirs[0] / "cgroup.kill").exists():
            try:
                _write(self.dirs[0] / "cgroup.kill", "1")
            except OSError:
                pass
        pause = 0.0005
        for _ in range(200):  # a fork bomb forks while we kill; pids.max bounds the race
            found = self.pids()
            if not found:
                return
            for pid in found:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            # Killed processes leave the group within a millisecond or two; every sandboxed
            # step passes here, so the first waits are short.
            time.sleep(pause)
            pause = min(pause * 2, 0.01)

    def oom_killed(self) -> bool:
        for folder in self.dirs:
            for name in ("memory.events", "memory.oom_control"):
                try:
                    text = (folder / name).read_text()
                except OSError:
                    continue
                for line in text.splitlines():
                    key, _, value = line.partition(" ")
                    if key == "oom_kill" and value.strip() not in ("", "0"):
                        return True
        return False

    def remove(self) -> None:
        self.kill_all()
        for folder in self.dirs:
            _rmdir(folder)


def _rmdir(folder: Path) -> None:
    for _ in range(50):
        try:
            folder.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:  # still has a dying process for a moment
            time.sleep(0.02)
