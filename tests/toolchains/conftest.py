"""Real kotlinc, node + mocha, JUnit and bwrap: every case compiles and runs for real.

Evaluations are cached per (toolchain, task, case) for the session, so the conformance
suite and the parity test share them instead of compiling everything twice.
"""

from __future__ import annotations

import atexit
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from kateval.config import Suite
from kateval.evaluate import evaluate_patch
from kateval.grading import Grade
from kateval.sandbox.factory import make_opener
from kateval.tasks import Task, load_task
from kateval.toolchains import Step, Timeouts, installed, kmp
from kateval.toolchains.warm import WarmToolchain, request_args
from tests.conftest import FIXTURES, REPO_ROOT

# Short test timeouts: the infinite-loop case waits for one of them per toolchain.
TIMEOUTS = Timeouts(build_s=300, test_s=12)


@dataclass(frozen=True)
class Evaluated:
    grade: Grade
    attempt: Path

    @property
    def per_target(self) -> dict[str, str]:
        return {t: info["status"] for t, info in self.grade.targets.items()}

    @property
    def outcomes(self) -> dict[tuple[str, str], str]:
        return {(t.target, t.name): t.outcome for t in self.grade.tests}

    @property
    def log(self) -> str:
        return (self.attempt / "build.log").read_text()

    @property
    def steps(self) -> list[dict]:
        return json.loads((self.attempt / "steps.json").read_text())


_COMPILERS: dict[str, WarmToolchain] = {}


def compile_warm(root: Path, target: str, paths: installed.ToolPaths,
                 framework: str = "junit4") -> None:
    """Compile `target` of the project at `root` in place through a warm service, one per
    test process: kotlinc's compiler calls (kmp.compiler_args) without a cold launch for
    each; that the two compile alike is test_parity's business."""
    if paths.warm_home not in _COMPILERS:
        _COMPILERS[paths.warm_home] = WarmToolchain(paths)
        atexit.register(_COMPILERS[paths.warm_home].close)
    session = _COMPILERS[paths.warm_home].session(root)
    for compile in kmp.compiler_args(root, [target], paths, framework):
        if compile.target != target:
            continue
        step = Step(compile.name, "build", target, request_args(paths, compile),
                    TIMEOUTS.build_s, service=target)
        result = session.run(step, sandbox=None)
        assert result.returncode == 0, f"{step.name}: {result.stdout}{result.stderr}"


def fixture_task(name: str) -> Task:
    return load_task(FIXTURES / "tasks" / name)


def core_task(name: str) -> Task:
    return load_task(REPO_ROOT / "tasks" / name)


@pytest.fixture(scope="session")
def openers(toolchain):
    """One opener per toolchain name for the whole session (one warm pool)."""
    made = {}

    def get(name: str):
        if name not in made:
            made[name] = make_opener("local", Suite(name="toolchain-tests", toolchain=name),
                                     f"toolchain-tests-{name}")
        return made[name]

    return get


@pytest.fixture(scope="session")
def evaluate(openers, tmp_path_factory):
    cache: dict[tuple[str, str, str], Evaluated] = {}

    def run(toolchain_name: str, task: Task, case: str, patch: str | None) -> Evaluated:
        key = (toolchain_name, task.id, case)
        if key not in cache:
            attempt = Path(tempfile.mkdtemp(dir=tmp_path_factory.getbasetemp(),
                                            prefix=f"{toolchain_name}-{task.id}-{case}-"))
            grade = evaluate_patch(task, patch, attempt, openers(toolchain_name), TIMEOUTS)
            cache[key] = Evaluated(grade, attempt)
        return cache[key]

    return run
