"""Where untrusted, model-written code runs: a small protocol and its implementations."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Protocol


@dataclass(frozen=True)
class ExecResult:
    """The outcome of one command. A non-zero exit is data, not an exception."""

    returncode: int
    stdout: str
    stderr: str
    timed_out: bool
    duration_s: float
    truncated: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


class Sandbox(Protocol):
    """A workspace plus a way to run commands in it. Paths are relative to the workspace."""

    def exec(self, cmd: list[str], *, timeout_s: float, read_only: bool = False,
             outputs: str | None = None) -> ExecResult:
        """Run `cmd` in the workspace. `read_only` shows the workspace read-only; `outputs`
        is an absolute folder outside it that this command alone may also write."""
        ...

    def write_file(self, path: str, data: bytes) -> None: ...

    def read_file(self, path: str) -> bytes: ...

    def close(self) -> None: ...


def cap_text(data: bytes, limit: int) -> tuple[str, bool]:
    """Decode at most `limit` bytes of output, saying whether anything was dropped."""
    truncated = len(data) > limit
    text = data[:limit].decode("utf-8", errors="replace")
    if truncated:
        text += f"\n[kateval: output truncated at {limit} bytes]\n"
    return text, truncated


SandboxOpener = Callable[[Path], "tuple[Sandbox, Any]"]
"""Opens a sandbox on one attempt's workspace: the sandbox, and the toolchain bound to the
paths that sandbox sees (a `kateval.toolchains.Toolchain`; typed loosely so this seam does not
import that one). sandbox/factory.py makes them."""
