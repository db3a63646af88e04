"""`kateval validate`'s base run: the JVM goes first, alone, and the other targets run only when
its hidden tests pass there, so a base that one target already solves is still caught on the
other (real git, kotlinc, JUnit, Node and bwrap)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kateval.commands.validate import grade_base
from kateval.config import Suite
from kateval.sandbox.factory import make_opener
from kateval.tasks import load_task
from kateval.toolchains import Timeouts
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow
TIMEOUTS = Timeouts(240, 30)
EXPECT = """package tiny

/** The sum of the strictly positive numbers in [xs]. */
expect fun positiveTotal(xs: List<Int>): Int
"""
SOLVED = """package tiny

actual fun positiveTotal(xs: List<Int>): Int = xs.filter { it > 0 }.sum()
"""
STUB = """package tiny

actual fun positiveTotal(xs: List<Int>): Int = TODO("positiveTotal")
"""


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def jvm_solved_task(tmp_path: Path) -> Path:
    """tiny-sum split into expect/actual, its base already solved on the JVM, not on JS."""
    task = tmp_path / "tiny-split"
    shutil.copytree(FIXTURES / "tasks" / "tiny-sum", task)
    (task / "task.yaml").write_text((task / "task.yaml").read_text()
                                    .replace("id: tiny-sum", "id: tiny-split")
                                    .replace('editable: ["src/commonMain/**"]',
                                             'editable: ["src/jsMain/**"]'))
    src = task / "repo" / "src"
    (src / "commonMain/kotlin/tiny/Sum.kt").write_text(EXPECT)
    for source_set, text in (("jvmMain", SOLVED), ("jsMain", STUB)):
        (src / source_set / "kotlin/tiny").mkdir(parents=True)
        (src / source_set / "kotlin/tiny/Sum.kt").write_text(text)
    work = tmp_path / "work"
    shutil.copytree(task / "repo", work)
    _git(work, "init", "-q")
    _git(work, "add", "-A")
    _git(work, "-c", "user.email=k@example.com", "-c", "user.name=k", "commit", "-qm", "base")
    (work / "src/jsMain/kotlin/tiny/Sum.kt").write_text(SOLVED)
    (task / "solution.patch").write_text(_git(work, "diff"))
    return task


@pytest.fixture
def opener():
    return make_opener("local", Suite(name="t", toolchain="warm"), "validate-test")


def test_a_base_that_fails_on_the_jvm_is_not_built_for_js(tmp_path, opener):
    task = load_task(FIXTURES / "tasks" / "tiny-sum")
    base = grade_base(task, tmp_path, opener, TIMEOUTS)
    assert base.status == "tests_failed" and base.targets["jvm"]["status"] == "tests_failed"
    steps = (tmp_path / "base-jvm" / "build.log").read_text()
    assert "=== test-jvm" in steps and "=== compile-js" not in steps
    assert not (tmp_path / "base").exists()


def test_a_base_solved_on_the_jvm_alone_still_fails_on_js(tmp_path, opener):
    task = load_task(jvm_solved_task(tmp_path))
    out = tmp_path / "out"
    base = grade_base(task, out, opener, TIMEOUTS)
    assert base.targets["jvm"]["status"] == "passed"  # the JVM alone would have let it through
    assert base.status == "tests_failed" and base.targets["js"]["status"] == "tests_failed"
    assert "=== test-js" in (out / "base" / "build.log").read_text()
