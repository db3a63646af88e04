"""Shared fixtures. Real git, real kotlinc and JUnit: nothing here is mocked."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from kateval.errors import ToolchainError
from kateval.sandbox.factory import make_opener
from kateval.config import Suite
from kateval.tasks import Task, load_task
from kateval.toolchains import installed

FIXTURES = Path(__file__).parent / "fixtures"
REPO_ROOT = Path(__file__).parent.parent
IN_CI = os.environ.get("CI") == "true"


def need(reason_ok: bool, reason: str) -> None:
    """Skip outside CI; in CI a missing prerequisite is a failure, never a silent skip."""
    if reason_ok:
        return
    if IN_CI:
        pytest.fail(f"prerequisite missing in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def toolchain() -> installed.ToolPaths:
    try:
        return installed.locate()
    except ToolchainError as exc:
        need(False, str(exc))
        raise


@pytest.fixture(scope="session")
def local_opener(toolchain):
    return make_opener("local", Suite(name="test"), "test-run")


@pytest.fixture
def tiny_task() -> Task:
    return load_task(FIXTURES / "tasks" / "tiny-sum")


def patch_for(task: Task, files: dict[str, str]) -> str:
    """A real `git diff` of the task repo with `files` replaced (path -> new text)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "w"
        shutil.copytree(task.repo, work)
        git = ["git", "-c", "user.email=t@t", "-c", "user.name=t"]
        subprocess.run(git + ["init", "-q"], cwd=work, check=True)
        subprocess.run(git + ["add", "-A"], cwd=work, check=True)
        subprocess.run(git + ["commit", "-qm", "base"], cwd=work, check=True)
        for rel, text in files.items():
            (work / rel).parent.mkdir(parents=True, exist_ok=True)
            (work / rel).write_text(text)
        subprocess.run(git + ["add", "-A"], cwd=work, check=True)
        return subprocess.run(git + ["diff", "--cached"], cwd=work, check=True,
                              capture_output=True, text=True).stdout


def run_cli(*args: str, cwd: Path = REPO_ROOT, timeout: float = 900,
            env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["kateval", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def sigint_default() -> None:
    """preexec_fn for a `kateval run` a test interrupts with SIGINT: a background shell (CI,
    nohup) starts children with SIGINT ignored, and Python then installs no KeyboardInterrupt
    handler; a terminal's Ctrl-C reaches a process that has it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


# Under pytest-xdist (scripts/test.sh runs two workers) the tests in HOST_PATHS run one after
# another on one worker: they watch host-wide things (containers, processes of the sandbox
# user, scratch folders) or share a costly module fixture. The toolchain evaluations that
# conformance and parity share run on one worker too; every other test goes where a core is
# free. (xdist's own `--dist loadgroup` marks cannot be used: xdist 3.8 renames items through
# a field pytest 9 no longer has.)
HOST_PATHS = ("tests/sandbox/", "tests/executors/test_ray_executor.py", "tests/test_interrupt.py")
SHARED_EVALUATIONS = ("tests/toolchains/test_conformance.py", "tests/toolchains/test_parity.py")


def xdist_scope(nodeid: str) -> str:
    """The unit of work a test belongs to: a group run in order on one worker, or itself."""
    path = nodeid.split("::", 1)[0]
    if path.startswith(HOST_PATHS):
        return "host"
    return "evaluations" if path.startswith(SHARED_EVALUATIONS) else nodeid


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class Grouped(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_scope(nodeid)

    return Grouped(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Docker tests last, so the sandbox image .ci/docker.sh builds in the background is
    ready by then; a Docker test outside HOST_PATHS would race the others for the engine."""
    for item in items:
        if item.get_closest_marker("docker") and xdist_scope(item.nodeid) != "host":
            raise pytest.UsageError(f"{item.nodeid}: a Docker test belongs under one of "
                                    f"{', '.join(HOST_PATHS)} (tests/conftest.py)")
    items.sort(key=lambda item: item.get_closest_marker("docker") is not None)
