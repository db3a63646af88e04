"""Cold and warm differ in how they compile, never in what runs model code.

Model code runs only in test steps. Both toolchains build theirs with kmp.test_steps, and
the hostile suite leans on that: it runs every attack under warm on each sandbox, and
only the compile-phase attacks under kotlinc as well (tests/sandbox/test_hostile_classes.py).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from kateval.tasks import load_task
from kateval.toolchains import Layout
from kateval.toolchains.kotlinc import KotlincToolchain
from kateval.toolchains.warm import WarmToolchain
from tests.conftest import FIXTURES, REPO_ROOT
from tests.sandbox.conftest import HOSTILE_TASKS
from tests.toolchains.conftest import TIMEOUTS

TASKS = sorted(p for p in HOSTILE_TASKS.iterdir() if (p / "task.yaml").is_file()) + [
    FIXTURES / "tasks" / "kmp-percent", REPO_ROOT / "tasks" / "lib-ktor-paginated-sync"]


@pytest.fixture(scope="module")
def warm(toolchain):
    made = WarmToolchain(toolchain)  # no service starts until a compile asks for one
    yield made
    made.close()


@pytest.mark.parametrize("task_dir", TASKS, ids=lambda p: p.name)
def test_a_sample_meets_the_same_test_steps_under_either_toolchain(task_dir, toolchain, warm,
                                                                    tmp_path):
    task = load_task(task_dir)
    root = tmp_path / "work"
    shutil.copytree(task.repo, root)
    if task.gold_patch:  # an attacker's patch, for the hostile tasks
        subprocess.run(["git", "apply", "-"], input=task.gold_patch, text=True, cwd=root,
                       check=True)
    layout = Layout(reports=str(tmp_path / "reports"))
    cold = KotlincToolchain(toolchain).steps(root, task.spec, layout, TIMEOUTS)
    hot = warm.session(root).steps(root, task.spec, layout, TIMEOUTS)
    assert [s.name for s in cold] == [s.name for s in hot]
    tests = [s for s in cold if s.phase == "test"]
    assert tests and tests == [s for s in hot if s.phase == "test"]
    assert not any(s.service for s in tests)  # run by the sandbox, not a compile service
