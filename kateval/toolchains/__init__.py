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
    read_only: bool = False
    """The sandbox shows the workspace read-only: a test step runs model code, and nothing it
    does may change what a later step runs or what the harness reads."""
    outputs: str = ""
    """An absolute, harness-owned folder outside the workspace that this step alone may write
    (a test runner's reports), or "" for none."""
    counts: bool = False
    """The test runner is kateval's own and writes its counts (grading.COUNTS_FILE) beside its
    reports: grading then requires them and checks them against the reports."""
    service: str = ""
    """The warm compile server's compiler that runs this step, "jvm" or "js" (warm.py), in
    place of argv in the sandbox; "" for a command."""
    check: str = ""
    """A check the harness runs itself, before or between compiles, in place of argv in the
    sandbox: "sources" or "classes" (checks.py; argv names the workspace folders it reads)."""


@dataclass(frozen=True)
class Layout:
    """Where one attempt's files go."""

    reports: str
    """An absolute, fresh folder per attempt OUTSIDE the workspace, made by the harness and
    seen at the same path inside the sandbox: test reports land in `<reports>/<target>/`,
    where model code never had a path to plant anything."""
    scratch: str = "build/kateval-scratch"
    """A workspace-relative, unpredictable folder for a toolchain's own files (Gradle's
    init script, user home and outcome files)."""

    def report_dir(self, target: str) -> str:
        return f"{self.reports}/{target}"


class Toolchain(Protocol):
    """Compiles and tests one workspace; bound to the tool paths its sandbox sees."""

    name: str

    def version(self) -> str: ...

    def steps(self, root: Path, spec: TaskSpec, layout: Layout, timeouts: Timeouts) -> list[Step]: ...

    def run(self, step: Step, sandbox: Sandbox) -> ExecResult: ...

    def close(self) -> None: ...


def exec_step(step: Step, sandbox: Sandbox) -> ExecResult:
    """Run one step in its sandbox with the step's own view of the workspace."""
    return sandbox.exec(step.argv, timeout_s=step.timeout_s, read_only=step.read_only,
                        outputs=step.outputs or None)


TOOLCHAINS = ("warm", "kotlinc", "gradle")
"""Toolchain names a suite may choose (`toolchain:`), the default first."""
