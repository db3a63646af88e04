"""What every importer shares: one imported task in memory, and writing it as a task folder
whose solution.patch is a real `git diff` of the starting repo against the reference files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import git
import yaml

from kateval import workspace
from kateval.errors import ConfigError, InfraError
from kateval.toolchains.installed import KOTLIN_VERSION

NO_REFERENCE = "no-reference"
# A task with no reference solution still needs a solution.patch that is a diff: this one
# changes nothing the tests could see. `kateval validate` knows such a task by its tag and
# reports it as having no reference solution.
PLACEHOLDER_LINE = "// The source benchmark has no reference solution for this task.\n"

JVM_BUILD = f"""plugins {{ kotlin("multiplatform") version "{KOTLIN_VERSION}" }}
kotlin {{
    jvm()
    sourceSets {{
        jvmTest.dependencies {{
            implementation(kotlin("test-junit"))
            implementation("junit:junit:4.13.2")
        }}
    }}
}}
"""
# JUnit 5 (the JUnit Platform). JUnit 4 stays on the test class path: Exercism tests that moved
# to JUnit 5 still import JUnit 4 classes (forth imports org.junit.Rule).
JVM_BUILD_JUNIT5 = f"""plugins {{ kotlin("multiplatform") version "{KOTLIN_VERSION}" }}
kotlin {{
    jvm()
    sourceSets {{
        jvmTest.dependencies {{
            implementation(kotlin("test-junit5"))
            implementation("junit:junit:4.13.2")
        }}
    }}
}}
tasks.withType<Test>().configureEach {{ useJUnitPlatform() }}
"""
BUILDS = {"junit4": JVM_BUILD, "junit5": JVM_BUILD_JUNIT5}
SOURCE = "source.json"
"""Beside task.yaml: where the task came from and how its benchmark grades it (not read by
kateval; for a reader comparing scores with the benchmark's own)."""
SETTINGS = """pluginManagement {{ repositories {{ gradlePluginPortal(); mavenCentral() }} }}
dependencyResolutionManagement {{ repositories {{ mavenCentral() }} }}
rootProject.name = "{name}"
"""


class BenchmarkError(ConfigError):
    """The benchmark copy being imported is not in the layout its format expects."""


@dataclass
class ImportedTask:
    """One task before it is written: the files of repo/ and hidden/, and the reference."""

    id: str
    title: str
    difficulty: str
    tags: list[str]
    instruction: str
    repo_files: dict[str, str]
    """Path in repo/ -> text (the stub, without the build files that are added for every task)."""
    hidden_files: dict[str, str]
    """Path in hidden/ -> text (the tests, laid over repo/ when grading)."""
    solution_files: dict[str, str | None] | None
    """Path in repo/ -> the reference text, or None to delete it; None: no reference solution."""
    expected: dict[str, list[str]] | None = None
    """expected.json when the test names are known without a run (one generated test)."""
    test_framework: str = "junit4"
    """junit4, or junit5 for tests written for the JUnit Platform."""
    source: dict | None = None
    """Written as source.json: the benchmark's id for the problem and its grading rules."""


def spec_dict(task: ImportedTask) -> dict:
    tags = list(dict.fromkeys(task.tags + ([NO_REFERENCE] if task.solution_files is None else [])))
    return {"id": task.id, "title": task.title, "difficulty": task.difficulty,
            "category": "single-function", "tags": tags, "targets": ["jvm"],
            "editable": ["src/jvmMain/**"], "test_framework": task.test_framework,
            "timeouts": {"build_s": 240, "test_s": 60}}


def _write_tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _git(root: Path, *args: str) -> None:
    proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                          env=workspace.git_env(), timeout=120)
    if proc.returncode != 0:
        raise InfraError(f"git {args[0]} failed in {root}: {proc.stderr.strip()}; check that "
                         "git works (`kateval doctor`)")


def gold_patch(repo: Path, solution: dict[str, str | None] | None) -> str:
    """`git diff` of repo/ with the reference files in place (or the placeholder comment)."""
    with tempfile.TemporaryDirectory(prefix="kateval-import-") as tmp:
        work = Path(tmp) / "repo"
        shutil.copytree(repo, work)
        for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "--no-verify", "-m", "base")):
            _git(work, *args)
        if solution is None:
            stub = sorted((work / "src" / "jvmMain").rglob("*.kt"))
            target = stub[0] if stub else work / "src" / "jvmMain" / "kotlin" / "Solution.kt"
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("a", encoding="utf-8") as out:
                out.write(PLACEHOLDER_LINE)
        else:
            for rel, text in solution.items():
                path = work / rel
                if text is None:
                    path.unlink(missing_ok=True)
                else:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(text, encoding="utf-8")
        return workspace.diff(git.Repo(work))


def write_task(into: Path, task: ImportedTask) -> Path:
    """Write (or replace) into/<id>/. An expected.json already there is kept: validate tells
    whether it is still current."""
    root = into / task.id
    kept = (root / "expected.json").read_text(encoding="utf-8") \
        if (root / "expected.json").is_file() else None
    if root.exists():
        shutil.rmtree(root)
    repo = root / "repo"
    _write_tree(repo, {"build.gradle.kts": BUILDS[task.test_framework], "settings.gradle.kts":
                       SETTINGS.format(name=task.id), **task.repo_files})
    _write_tree(root / "hidden", task.hidden_files)
    (root / "instruction.md").write_text(task.instruction, encoding="utf-8")
    if task.source is not None:
        (root / SOURCE).write_text(json.dumps(task.source, indent=2) + "\n", encoding="utf-8")
    (root / "task.yaml").write_text(yaml.safe_dump(spec_dict(task), sort_keys=False),
                                    encoding="utf-8")
    patch = gold_patch(repo, task.solution_files)
    if not patch.strip():
        raise BenchmarkError(f"{task.id}: the reference solution is identical to the stub; "
                             "check the benchmark copy")
    (root / "solution.patch").write_text(patch, encoding="utf-8")
    if task.expected is not None:
        kept = json.dumps(task.expected, indent=2, sort_keys=True) + "\n"
    if kept is not None:
        (root / "expected.json").write_text(kept, encoding="utf-8")
    return root


def write_suite(into: Path, fmt: str, pattern: str) -> Path:
    """A suite over the imported tasks, so that validate and run can name them."""
    path = into / f"{fmt}.suite.yaml"
    path.write_text(yaml.safe_dump({
        "name": f"import-{fmt}", "description": f"tasks imported with `kateval import {fmt}`",
        "tasks": [pattern], "tasks_dir": "."}, sort_keys=False), encoding="utf-8")
    return path


def slug(text: str) -> str:
    """A task id fragment: lower case, runs of anything else than [a-z0-9] as one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "task"


def camel(text: str) -> str:
    """A Kotlin type name from a benchmark name: HumanEval_0_sum_pairs -> HumanEval0SumPairs."""
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", text) if p]
    name = "".join(p[:1].upper() + p[1:] for p in parts) or "Task"
    return name if name[0].isalpha() else f"T{name}"
