"""Every shipped task: well-formed (fast checks) and valid (base fails, gold passes twice)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kateval.tasks import load_task
from tests.conftest import FIXTURES, REPO_ROOT, run_cli

TASKS = sorted(p for p in (REPO_ROOT / "tasks").iterdir() if (p / "task.yaml").exists())


def test_there_are_at_least_24_tasks_with_8_hard():
    specs = [load_task(p).spec for p in TASKS]
    assert len(specs) >= 24
    assert sum(s.difficulty == "hard" for s in specs) >= 8
    assert {s.category for s in specs} == {
        "single-function", "data-modelling", "parsing", "collections", "generics", "bug-fix",
        "multi-file", "expect-actual", "coroutines", "state-machine"}


@pytest.mark.parametrize("root", TASKS, ids=[p.name for p in TASKS])
def test_task_is_a_real_kmp_gradle_project(root: Path):
    task = load_task(root)
    build = (task.repo / "build.gradle.kts").read_text()
    assert (task.repo / "settings.gradle.kts").is_file()
    assert 'kotlin("multiplatform")' in build and "jvm()" in build
    assert 'kotlin("test")' in build
    if "js" in task.spec.targets:
        assert "js {" in build and "nodejs()" in build
    assert list((task.repo / "src").glob("commonMain/kotlin/**/*.kt")) or \
        list((task.repo / "src").glob("jvmMain/kotlin/**/*.kt"))
    hidden = list(task.hidden.rglob("*.kt"))
    assert hidden and all("Test" in p.parent.parent.name or "Test" in str(p) for p in hidden)
    assert task.gold_patch.startswith("diff --git")
    assert len(task.instruction) > 200


def test_hidden_test_class_names_are_unique_across_tasks():
    seen: dict[str, str] = {}
    for root in TASKS:
        for path in (root / "hidden").rglob("*.kt"):
            package = re.search(r"^package\s+([\w.]+)", path.read_text(), re.M)
            for name in re.findall(r"^class\s+(\w+)", path.read_text(), re.M):
                fq = f"{package.group(1) if package else ''}.{name}"
                assert fq not in seen, f"{fq} in {root.name} and {seen[fq]}"
                seen[fq] = root.name


def test_every_task_lists_its_expected_tests_for_every_target():
    for root in TASKS:
        task = load_task(root)
        expected = task.expected
        assert expected is not None, f"{root.name}: run kateval validate --write-expected"
        assert set(expected) == set(task.spec.targets), (root.name, sorted(expected))
        assert all(expected.values()), f"{root.name}: a target with no expected test"


@pytest.mark.slow
def test_kateval_validate_passes_on_every_task(tmp_path, toolchain):
    """The whole core suite, in CI: each base repo fails its hidden tests, each gold patch
    passes on every target, and every expected.json is current. One gold run per task here
    (`--gold-runs 1`); the flakiness check of a second run is `kateval validate`'s default."""
    proc = run_cli("validate", "--suite", "suites/kotlin-core.yaml", "--gold-runs", "1",
                   "--runs-dir", str(tmp_path / "runs"), env={"COLUMNS": "200"}, timeout=5400)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    assert f"all {len(TASKS)} tasks valid" in proc.stdout and len(TASKS) >= 104


def test_a_gold_patch_that_is_not_a_diff_is_a_one_line_config_error(tmp_path):
    shutil.copytree(FIXTURES / "tasks" / "tiny-sum", tmp_path / "tasks" / "tiny-sum")
    (tmp_path / "tasks" / "tiny-sum" / "solution.patch").write_text("return a + b  # fixed\n")
    suite = tmp_path / "suite.yaml"
    suite.write_text("name: bad\ntasks: [tiny-sum]\ntasks_dir: tasks\n")
    proc = run_cli("run", "--suite", str(suite), "--offline", "--runs-dir", str(tmp_path / "runs"))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "solution.patch: not a unified diff" in lines[0]
    assert "Traceback" not in proc.stderr and not (tmp_path / "runs").exists()
