"""Common code is common, main code is main: the harness's own checks of a workspace.

check-sources runs before any compile, so the evaluate cases here compile nothing and
stay in the fast lane; the compiled cases (and check-classes on real compiler output) are
in test_parity.py.
"""

from __future__ import annotations

import json
import os

import pytest

from kateval.evaluate import evaluate_patch
from kateval.toolchains import Timeouts, checks
from kateval.toolchains.kmp import compiler_errors
from tests.conftest import patch_for
from tests.toolchains.conftest import fixture_task

PERCENT = "src/commonMain/kotlin/fx/Percent.kt"
FAST = Timeouts(build_s=240, test_s=10)
ALLOWED = ["fx", "kateval.tasks.amounts", "kateval.floor", "javafx.scene", "kotlinxyz",
           "com.sunny", "org.junitx", "katevalish", "jdkx"]


def write(root, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


@pytest.mark.parametrize("package", sorted(checks.RESERVED))
def test_each_reserved_package_and_what_lies_below_it_is_refused(tmp_path, package):
    for name in (package, f"{package}.inner"):
        write(tmp_path, {"src/commonMain/kotlin/A.kt": f"package {name}\n\nclass A\n"})
        (problem,) = checks.check_sources(tmp_path)
        assert problem.startswith("src/commonMain/kotlin/A.kt:1:1: error: ")
        assert compiler_errors(problem) == [problem]
        assert f"package {name} belongs to {checks.RESERVED[package]}" in problem


@pytest.mark.parametrize("package", ALLOWED)
def test_task_packages_and_lookalikes_are_allowed(tmp_path, package):
    write(tmp_path, {"src/jvmMain/kotlin/A.kt": f"package {package}\n\nclass A\n"})
    assert checks.check_sources(tmp_path) == []


def test_external_is_refused_in_common_source_sets_only(tmp_path):
    source = "package fx\n\nexternal fun eval(code: String): dynamic\n"
    write(tmp_path, {f"src/{s}/kotlin/fx/E.kt": source
                     for s in ("commonMain", "commonTest", "jsMain", "jvmMain")})
    problems = checks.check_sources(tmp_path)
    assert [p.split(":")[0] for p in problems] == ["src/commonMain/kotlin/fx/E.kt",
                                                   "src/commonTest/kotlin/fx/E.kt"]
    assert all(":3:1: error: `external` declaration in common code" in p for p in problems)


def test_a_name_called_external_is_not_refused(tmp_path):
    write(tmp_path, {PERCENT: "package fx\n\nval external = 1\nfun external(x: Int) = x\n"})
    assert checks.check_sources(tmp_path) == []


def test_a_symlink_or_special_file_in_the_sources_is_unreadable(tmp_path):
    write(tmp_path, {PERCENT: "package fx\n"})
    os.symlink("/etc/passwd", tmp_path / "src/commonMain/kotlin/fx/Link.kt")
    result = checks.run(checks.sources_step(FAST), tmp_path)
    assert result.returncode == 1 and "fx/Link.kt: not a regular file" in result.stderr
    assert compiler_errors(result.stderr) == result.stderr.splitlines()
    (tmp_path / "src/commonMain/kotlin/fx/Link.kt").unlink()
    os.mkfifo(tmp_path / "src/commonMain/kotlin/fx/Pipe.kt")
    assert "fx/Pipe.kt: not a regular file" in checks.run(checks.sources_step(FAST),
                                                          tmp_path).stderr
    (tmp_path / "src/commonMain/kotlin/fx/Pipe.kt").unlink()
    os.symlink("/etc", tmp_path / "src/commonMain/kotlin/gx")
    assert "kotlin/gx: not a regular file" in checks.run(checks.sources_step(FAST),
                                                         tmp_path).stderr


def test_oversized_sources_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(checks, "MAX_FILE_BYTES", 100)
    write(tmp_path, {PERCENT: "package fx\n" + "// padding\n" * 20})
    result = checks.run(checks.sources_step(FAST), tmp_path)
    assert result.returncode == 1 and "over 100" in result.stderr


def test_class_files_in_reserved_folders_are_refused(tmp_path):
    out = "build/kateval/jvm-main"
    for rel in ("kotlin/sneaky/AKt.class", "java/io/File2.class", "fx/Fine.class",
                "kateval/tasks/x/Ok.class", "Root.class", "META-INF/main.kotlin_module"):
        (tmp_path / out / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / out / rel).write_bytes(b"\xca\xfe\xba\xbe")
    result = checks.run(checks.classes_step([out, "build/kateval/jvm-test"], FAST), tmp_path)
    assert result.returncode == 1
    assert sorted(line.split(":")[1].strip() for line in result.stderr.splitlines()) == [
        f"{out}/java/io/File2.class", f"{out}/kotlin/sneaky/AKt.class"]
    assert compiler_errors(result.stderr) == result.stderr.splitlines()  # feedback keeps them


def test_nothing_to_check_passes(tmp_path):
    assert checks.run(checks.sources_step(FAST), tmp_path).returncode == 0
    assert checks.run(checks.classes_step(["build/kateval/jvm-main"], FAST),
                      tmp_path).returncode == 0


def test_every_toolchain_checks_before_it_compiles(local_opener, tmp_path):
    """One sample with a file in each reserved package: build_failed with the reasons,
    before any compiler ran."""
    task = fixture_task("kmp-percent")
    files = {f"src/commonMain/kotlin/r{i}/R.kt": f"package {name}.evil\n\nclass R\n"
             for i, name in enumerate(sorted(checks.RESERVED))}
    grade = evaluate_patch(task, patch_for(task, files), tmp_path, local_opener, FAST)
    assert grade.status == "build_failed"
    assert "belongs to" in grade.detail and grade.detail.startswith("src/commonMain/kotlin/r")
    steps = json.loads((tmp_path / "steps.json").read_text())
    assert [(s["name"], s["returncode"]) for s in steps] == [("check-sources", 1)]
    log = (tmp_path / "build.log").read_text()
    for name in checks.RESERVED:
        assert f"package {name}.evil belongs to" in log


def test_external_in_common_code_is_build_failed_with_the_reason(local_opener, tmp_path):
    task = fixture_task("kmp-percent")
    source = ("package fx\n\nexternal fun eval(code: String): dynamic\n\n"
              "fun percentOf(part: Long, total: Long): Int = eval(\"42\") as Int\n\n"
              "expect fun platformTag(): String\n")
    grade = evaluate_patch(task, patch_for(task, {PERCENT: source}), tmp_path, local_opener,
                           FAST)
    assert grade.status == "build_failed"
    assert grade.detail.startswith(f"{PERCENT}:3:1: error: `external` declaration in common")
