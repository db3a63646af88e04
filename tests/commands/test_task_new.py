"""`kateval task new --from-git` on a real git repository made here: a tiny KMP project that
needs only the standard library, a base commit with a bug and a gold commit with the fix and a
new test. The task it writes validates under the kotlinc toolchain (real kotlinc and JUnit),
whatever the user's own git configuration says."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from kateval.commands.task_new import DEFAULT_TESTS, FromGit, new_from_git
from kateval.errors import ConfigError
from tests.conftest import run_cli

CLAMP = "src/commonMain/kotlin/calc/Clamp.kt"
CLAMP_TEST = "src/commonTest/kotlin/calc/ClampTest.kt"
BUGGY = """package calc

/** [value] limited to [low]..[high]. */
fun clamp(value: Int, low: Int, high: Int): Int = if (value < low) low else value
"""
FIXED = """package calc

/** [value] limited to [low]..[high]. */
fun clamp(value: Int, low: Int, high: Int): Int = minOf(maxOf(value, low), high)
"""
TEST_BASE = """package calc

import kotlin.test.Test
import kotlin.test.assertEquals

class ClampTest {
    @Test
    fun raisesToLow() = assertEquals(2, clamp(1, 2, 5))
}
"""
TEST_GOLD = TEST_BASE.replace("""    fun raisesToLow() = assertEquals(2, clamp(1, 2, 5))
""", """    fun raisesToLow() = assertEquals(2, clamp(1, 2, 5))

    @Test
    fun lowersToHigh() = assertEquals(5, clamp(9, 2, 5))
""")
BUILD = """plugins {
    kotlin("multiplatform") version "2.0.21"
}

kotlin {
    jvm()
    sourceSets {
        commonTest.dependencies { implementation(kotlin("test")) }
    }
}
"""


def git(repo: Path, *args: str, home: Path) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(home)}).stdout.strip()


@pytest.fixture
def user_repo(tmp_path) -> tuple[Path, str, str]:
    """The user's repository, and a hostile global git config in their HOME."""
    home = tmp_path / "home"
    home.mkdir()
    # What a user may well have: none of it must change the task.
    (home / ".gitconfig").write_text("[user]\n  name = U\n  email = u@example.com\n"
                                     "[diff]\n  noprefix = true\n  mnemonicPrefix = true\n"
                                     "[color]\n  ui = always\n[core]\n  autocrlf = true\n")
    repo = tmp_path / "app"
    for rel, text in {"settings.gradle.kts": 'rootProject.name = "app"\n',
                      "build.gradle.kts": BUILD, CLAMP: BUGGY, CLAMP_TEST: TEST_BASE}.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text)
    git(repo, "init", "-q", "-b", "main", home=home)
    git(repo, "add", "-A", home=home)
    git(repo, "commit", "-qm", "clamp", home=home)
    base = git(repo, "rev-parse", "HEAD", home=home)
    (repo / CLAMP).write_text(FIXED)
    (repo / CLAMP_TEST).write_text(TEST_GOLD)
    git(repo, "commit", "-qam", "Fix clamp above the upper bound\n\nclamp(9, 2, 5) returned 9.",
        home=home)
    return repo, base, home


@pytest.mark.slow
def test_task_from_git_validates_under_kotlinc(user_repo, tmp_path, toolchain):
    repo, base, home = user_repo
    tasks = tmp_path / "tasks"
    proc = run_cli("task", "new", "--from-git", str(repo), "--base", base, "--gold", "main",
                   "--id", "clamp-upper", "--into", str(tasks), env={"HOME": str(home)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    task = tasks / "clamp-upper"
    assert (task / "repo" / CLAMP).read_text() == BUGGY
    assert (task / "repo" / CLAMP_TEST).read_text() == TEST_BASE
    assert not (task / "repo" / ".git").exists()
    assert [p.relative_to(task / "hidden").as_posix() for p in (task / "hidden").rglob("*")
            if p.is_file()] == [CLAMP_TEST]
    assert (task / "hidden" / CLAMP_TEST).read_text() == TEST_GOLD
    patch = (task / "solution.patch").read_text()
    assert patch.startswith(f"diff --git a/{CLAMP} b/{CLAMP}") and "ClampTest" not in patch
    assert "\x1b[" not in patch and "\r" not in patch  # the user's color/autocrlf: ignored
    spec = yaml.safe_load((task / "task.yaml").read_text())
    assert spec["toolchain"] == "gradle" and spec["editable"] == ["src/commonMain/**"]
    assert spec["targets"] == ["jvm"] and spec["title"] == "Fix clamp above the upper bound"
    assert "clamp(9, 2, 5) returned 9." in (task / "instruction.md").read_text()

    suite = tmp_path / "suite.yaml"
    suite.write_text("name: from-git\ntasks: [clamp-upper]\ntasks_dir: tasks\n"
                     "toolchain: kotlinc\nconcurrency: 1\n")
    proc = run_cli("validate", "--suite", str(suite), "--write-expected",
                   "--runs-dir", str(tmp_path / "runs"), timeout=1800)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "all 1 tasks valid" in proc.stdout
    expected = json.loads((task / "expected.json").read_text())
    assert expected == {"jvm": ["calc.ClampTest.lowersToHigh", "calc.ClampTest.raisesToLow"]}


def request(repo: Path, tmp_path: Path, **changes) -> FromGit:
    fields = dict(repo=repo, base="HEAD~1", gold="HEAD", task_id="t", into=tmp_path / "out",
                  tests=DEFAULT_TESTS, editable=[])
    return FromGit(**(fields | changes))


def test_bad_requests_fail_in_one_line_and_write_nothing(user_repo, tmp_path):
    repo = user_repo[0]
    cases = [({"base": "no-such-rev"}, "--base no-such-rev: no such commit"),
             ({"tests": ["nothing/**"]}, "changes no test file matching nothing/**"),
             ({"editable": ["src/jvmMain/**"]}, f"touches {CLAMP}"),
             ({"task_id": "Bad Id"}, "--id Bad Id")]
    for changes, message in cases:
        with pytest.raises(ConfigError) as caught:
            new_from_git(request(repo, tmp_path, **changes))
        assert message in str(caught.value) and "\n" not in str(caught.value), str(caught.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
