"""`kateval task new --from-git` on a real git repository made here: a tiny KMP project that
needs only the standard library, a base commit with a bug and a gold commit with the fix and a
new test. The task it writes validates under the kotlinc toolchain (real kotlinc and JUnit),
whatever the user's own git configuration says."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kateval.commands.task_new import DEFAULT_TESTS, FromGit, _targets, new_from_git
from kateval.errors import ConfigError
from tests.conftest import need, run_cli

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
                     "toolchain: kotlinc\nbuild_slots: 1\n")
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


JAVA_BUILD = """apply plugin: 'java'

repositories {
    maven { url 'file:///usr/share/maven-repo' }
}

dependencies {
    testCompile 'junit:junit:4.x'
}
"""
SUM = "src/main/java/demo/Sum.java"
SUM_TEST = "src/test/java/demo/SumTest.java"
SUM_BUGGY = """package demo;

public class Sum {
    public static int add(int a, int b) {
        return a - b;
    }
}
"""
SUM_TEST_TEXT = """package demo;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class SumTest {
    @Test
    public void adds() {
        assertEquals(5, Sum.add(2, 3));
    }
}
"""


@pytest.fixture
def java_repo(tmp_path) -> tuple[Path, Path]:
    """A plain Java + JUnit 4 Gradle project (Debian's Maven repository: builds offline) whose
    gold commit fixes Sum, adds its test and changes the build script too."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("[user]\n  name = U\n  email = u@example.com\n")
    repo = tmp_path / "java-app"
    for rel, text in {"settings.gradle": "rootProject.name = 'java-app'\n",
                      "build.gradle": JAVA_BUILD, SUM: SUM_BUGGY}.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text)
    git(repo, "init", "-q", "-b", "main", home=home)
    git(repo, "add", "-A", home=home)
    git(repo, "commit", "-qm", "sum", home=home)
    (repo / SUM).write_text(SUM_BUGGY.replace("a - b", "a + b"))
    (repo / SUM_TEST).parent.mkdir(parents=True)
    (repo / SUM_TEST).write_text(SUM_TEST_TEXT)
    (repo / "build.gradle").write_text(JAVA_BUILD + "\ntest.maxParallelForks = 1\n")
    git(repo, "add", "-A", home=home)
    git(repo, "commit", "-qm", "Fix Sum.add", home=home)
    return repo, home


def test_a_gold_change_to_build_logic_asks_for_editable_in_one_line(java_repo, tmp_path):
    repo, home = java_repo
    proc = run_cli("task", "new", "--from-git", str(repo), "--base", "HEAD~1", "--gold", "main",
                   "--id", "java-sum", "--into", str(tmp_path / "tasks"), env={"HOME": str(home)})
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode != 0 and len(lines) == 1, proc.stdout + proc.stderr
    assert "touches build logic (build.gradle)" in lines[0] and "--editable" in lines[0], lines[0]
    assert "Traceback" not in proc.stderr and not (tmp_path / "tasks" / "java-sum").exists()
    with pytest.raises(ConfigError) as caught:  # a glob that covers build logic: refused too
        new_from_git(request(repo, tmp_path, gold="main", editable=["src/main/**", "*.gradle"]))
    assert "--editable *.gradle: covers build.gradle" in str(caught.value)


@pytest.mark.slow
def test_with_editable_the_build_change_joins_the_base_and_validates_under_gradle(
        java_repo, tmp_path):
    """The task made from a plain Java build runs its `test` task (read from the build file,
    not KMP's jvmTest), its base holds the gold's build script, and real Gradle validates it."""
    need(shutil.which("gradle") is not None, "gradle not installed (apt-get install gradle)")
    need(Path("/usr/share/maven-repo/junit/junit").is_dir(), "junit4 not installed")
    repo, home = java_repo
    tasks = tmp_path / "tasks"
    proc = run_cli("task", "new", "--from-git", str(repo), "--base", "HEAD~1", "--gold", "main",
                   "--id", "java-sum", "--editable", "src/main/**", "--into", str(tasks),
                   env={"HOME": str(home)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    task = tasks / "java-sum"
    assert "test.maxParallelForks = 1" in (task / "repo" / "build.gradle").read_text()
    assert (task / "repo" / SUM).read_text() == SUM_BUGGY
    patch = (task / "solution.patch").read_text()
    assert patch.startswith(f"diff --git a/{SUM} b/{SUM}") and "build.gradle" not in patch
    spec = yaml.safe_load((task / "task.yaml").read_text())
    assert spec["targets"] == ["jvm"] and spec["gradle_tasks"] == {"jvm": "test"}, spec
    assert spec["editable"] == ["src/main/**"]
    suite = tmp_path / "suite.yaml"
    suite.write_text("name: from-git\ntasks: [java-sum]\ntasks_dir: tasks\n"
                     "toolchain: gradle\nbuild_slots: 1\n")
    proc = run_cli("validate", "--suite", str(suite), "--write-expected", "--gold-runs", "1",
                   "--runs-dir", str(tmp_path / "runs"), timeout=2400)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads((task / "expected.json").read_text()) == {"jvm": ["demo.SumTest.adds"]}


def kmp_targets(tmp_path: Path, build: str) -> tuple[list[str], dict[str, str]]:
    repo = tmp_path / "kmp"
    shutil.rmtree(repo, ignore_errors=True)
    (repo / "src" / "commonMain" / "kotlin").mkdir(parents=True)
    (repo / "build.gradle.kts").write_text(build)
    return _targets(repo)


def test_targets_come_from_the_build_file(tmp_path):
    plugins = 'plugins {\n    kotlin("multiplatform") version "2.0.21"\n}\n'
    # Common code only, no jsMain folder: the build file alone says there is a JS target.
    assert kmp_targets(tmp_path, plugins + "kotlin {\n    jvm()\n    js { nodejs() }\n}\n") == (
        ["jvm", "js"], {})
    assert kmp_targets(tmp_path, plugins + "kotlin {\n    jvmToolchain(17)\n    jvm()\n"
                       "    // js { nodejs() }\n    /* js(IR) { browser() } */\n}\n") == (["jvm"], {})
    assert kmp_targets(tmp_path, plugins + 'kotlin {\n    jvm("desktop")\n'
                       "    js(IR) { browser() }\n    wasmJs { nodejs() }\n}\n") == (
        ["jvm", "js"], {"jvm": "desktopTest", "js": "jsBrowserTest"})
    assert kmp_targets(tmp_path, plugins + 'kotlin {\n    jvm {\n    }\n'
                       '    js("web", IR) {\n        browser()\n    }\n}\n') == (
        ["jvm", "js"], {"js": "webBrowserTest"})
    assert kmp_targets(tmp_path, "plugins {\n    java\n}\n") == (["jvm"], {"jvm": "test"})
