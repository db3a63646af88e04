"""The tasks' libraries, resolved before anything runs: every task of a run or validation
before its first sample (`prepare`), and the repository's suites at `kateval toolchain
install` (`install_suites`), so that runs after it read only the cache (kateval/deps).

An unresolvable coordinate stops the command in one line naming the task and the coordinate
(a ConfigError, or a ToolchainError when Maven Central cannot be reached or a checksum
disagrees); it never becomes a sample's status.
"""

from __future__ import annotations

import time
from pathlib import Path

from kateval.config import load_suite
from kateval.toolchains import installed

SUITES_DIR = Path(__file__).resolve().parents[2] / "suites"
"""The suites of the source tree kateval runs from: what `toolchain install` prepares for."""


def prepare(tasks) -> int:
    """Resolve (or find in the cache) every task's libraries; the number of tasks with any."""
    return sum(1 for task in tasks if installed.task_libraries(task.spec))


def suite_tasks(folder: Path = SUITES_DIR) -> list:
    """Every task of every suite in `folder`, once each."""
    from kateval.tasks import select_tasks  # tasks -> config; imported late to stay a leaf

    found: dict[str, object] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        for task in select_tasks(load_suite(path), path):
            found.setdefault(task.id, task)
    return list(found.values())


def cache_size(root: Path) -> tuple[int, int]:
    """(files, bytes) of the libraries stored under `root`."""
    files = [p for p in (root / "store").rglob("*") if p.is_file()] if root.is_dir() else []
    return len(files), sum(p.stat().st_size for p in files)


def install_suites(folder: Path = SUITES_DIR) -> str:
    """Resolve the libraries of every task the suites name; a line for the install's log."""
    started = time.monotonic()
    count = prepare(suite_tasks(folder))
    files, size = cache_size(installed.deps_dir())
    return (f"{count} task(s) with libraries resolved in {time.monotonic() - started:.1f} s; "
            f"{files} files, {size / 1e6:.1f} MB in {installed.deps_dir()}")
