"""The Toolchain seam: how a task's workspace is compiled and tested.

A toolchain turns a workspace into `Step`s and runs each one, usually with `sandbox.exec`; a
warm toolchain may hand compile steps to a long-lived service of its own instead. Sandboxes
know nothing of toolchains: the sandbox factory binds a toolchain to the paths the sandbox
exposes (host paths for `local`, image paths for `docker`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kateval.config import TaskSpec
    from kateval.sandbox import ExecResult, Sandbox


@dataclass(frozen=True)
class Timeouts:
    """Per-step timeouts of one attempt, in seconds."""

    build_s: float
    test_s: float


@dataclass(frozen=True)
class Step:
    """One command of a build. `phase` tells grading whether it compiles or tests; `target`
    which platform's results it produces."""

    name: str
    phase: str  # "build" | "test"
    target: str  # "jvm" | "js"
    argv: list[str]
    timeout_s: float


@dataclass(frozen=True)
class Layout:
    """Where one attempt's files go, relative to the workspace root."""

    reports: str
    """A fresh, unpredictable folder per attempt: test reports land in `<reports>/<target>/`."""

    def report_dir(self, target: str) -> str:
        return f"{self.reports}/{target}"


class Toolchain(Protocol):
    """Compiles and tests one workspace; bound to the tool paths its sandbox sees."""

    name: str

    def version(self) -> str: ...

    def steps(self, root: Path, spec: TaskSpec, layout: Layout, timeouts: Timeouts) -> list[Step]: ...

    def run(self, step: Step, sandbox: Sandbox) -> ExecResult: ...

    def close(self) -> None: ...


TOOLCHAINS = ("warm", "kotlinc", "gradle")
"""Toolchain names a suite may choose (`toolchain:`), the default first."""
