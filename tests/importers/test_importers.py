"""`kateval import exercism|multipl-e` on fixtures written here in those benchmarks' layouts
(our own small problems, not the benchmarks' content). Real git applies the gold patches; the
slow test validates one task of each format with the real compiler and JUnit."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from kateval import workspace
from kateval.importers import exercism, import_benchmark
from kateval.importers.multipl_e import brace_depth
from kateval.evaluate import evaluate_patch
from kateval.tasks import load_task
from kateval.toolchains import Timeouts
from tests.conftest import patch_for, run_cli

FIXTURES = Path(__file__).parent / "fixtures"
TRACK = FIXTURES / "exercism-track"
PRACTICE = TRACK / "exercises" / "practice"
HUMANEVAL = FIXTURES / "humaneval-kt-invented.jsonl"


@pytest.fixture
def imported(tmp_path) -> Path:
    into = tmp_path / "imported"
    import_benchmark("exercism", TRACK, into)
    import_benchmark("multipl-e", HUMANEVAL, into)
    return into


def _applied(task, dest: Path) -> Path:
    """The task repo with its gold patch applied by kateval's own (git) apply path."""
    repo = workspace.create(task, dest)
    result = workspace.apply_patch(repo, task.gold_patch, task.spec.editable)
    assert result.ok, result.log
    return dest


def test_exercism_exercises_become_jvm_junit4_tasks(imported, tmp_path):
    leap = load_task(imported / "exercism-gregorian-leap")
    chimes = load_task(imported / "exercism-factor-chimes")
    for task in (leap, chimes):
        assert task.spec.targets == ["jvm"] and task.spec.test_framework == "junit4"
        assert task.spec.editable == ["src/jvmMain/**"]
        assert task.spec.category == "single-function"
        assert (task.repo / "build.gradle.kts").read_text().count("jvm()") == 1
        assert task.expected is None  # written by `kateval validate --write-expected`
    # difficulty from the track's config.json (1 -> easy, 4 -> medium); tags exercism + slug
    assert (leap.spec.difficulty, chimes.spec.difficulty) == ("easy", "medium")
    assert chimes.spec.tags == ["exercism", "factor-chimes"]
    assert "Ring bells" in chimes.spec.title  # the blurb in .meta/config.json
    stub = chimes.repo / "src/jvmMain/kotlin/chimes/FactorChimes.kt"
    assert 'TODO("Implement' in stub.read_text()
    tests = (leap.hidden / "src/jvmTest/kotlin/GregorianLeapTest.kt").read_text()
    assert "Ignore" not in tests and tests.count("@Test") == 5
    assert "@Test(expected = IllegalArgumentException::class)" in tests
    assert "org.junit.Assert.assertTrue" in tests
    chimes_tests = (chimes.hidden / "src/jvmTest/kotlin/chimes/FactorChimesTest.kt").read_text()
    assert "Ignore" not in chimes_tests and "import kotlin.test.assertEquals" in chimes_tests
    # instructions.md then instructions.append.md, and where the solution goes
    text = leap.instruction
    assert text.index("29th of February") < text.index("Years before 1") < \
        text.index("src/jvmMain/kotlin/GregorianLeap.kt")
    # the gold patch, applied with git, leaves exactly the reference solution
    for task, rel in ((leap, "GregorianLeap.kt"), (chimes, "chimes/FactorChimes.kt")):
        done = _applied(task, tmp_path / task.id)
        reference = PRACTICE / task.spec.tags[1] / ".meta/src/reference/kotlin" / rel
        assert (done / "src/jvmMain/kotlin" / rel).read_text() == reference.read_text()


def test_junit5_exercises_become_junit5_tasks(imported, tmp_path):
    tally = load_task(imported / "exercism-tally-sheet")
    assert tally.spec.test_framework == "junit5"
    build = (tally.repo / "build.gradle.kts").read_text()
    assert 'kotlin("test-junit5")' in build and "useJUnitPlatform()" in build
    tests = (tally.hidden / "src/jvmTest/kotlin/TallySheetTest.kt").read_text()
    assert "Ignore" not in tests and "Disabled" not in tests  # kotlin.test's and Jupiter's
    assert "import org.junit.jupiter.api.Nested" in tests and tests.count("@Test") == 7
    assert "Hidden JUnit 5 tests" in tally.instruction
    assert "Hidden JUnit 4 tests" in load_task(imported / "exercism-gregorian-leap").instruction
    # either sign is enough: JUnit 5 in the tests without a build file, or the build's platform
    track = tmp_path / "track"
    shutil.copytree(PRACTICE, track)
    (track / "tally-sheet" / "build.gradle.kts").unlink()
    shutil.copy(PRACTICE / "tally-sheet" / "build.gradle.kts", track / "gregorian-leap")
    frameworks = {t.id: t.test_framework for t in exercism.read(track)}
    assert frameworks == {"exercism-factor-chimes": "junit4", "exercism-gregorian-leap": "junit5",
                          "exercism-tally-sheet": "junit5"}


def test_multipl_e_problems_become_single_function_tasks(imported, tmp_path):
    vowels = load_task(imported / "multipl-e-invented-1-count-vowel-runs")
    clamp = load_task(imported / "multipl-e-invented-2-clamp-sum")
    initials = load_task(imported / "multipl-e-invented-3-initials")
    stub = (vowels.repo / "src/jvmMain/kotlin/Invented1CountVowelRuns.kt").read_text()
    assert stub.startswith("import kotlin.math.*") and 'TODO("implement countVowelRuns")' in stub
    assert brace_depth(stub) == 0
    # MultiPL-E's tests open with the brace that closes the function; here main() stands alone
    test = (vowels.hidden / "src/jvmTest/kotlin/Invented1CountVowelRunsTest.kt").read_text()
    assert brace_depth(test) == 0 and test.index("import kotlin.math.*") < test.index("fun main()")
    assert "class Invented1CountVowelRunsTest" in test and "@org.junit.Test" in test
    assert vowels.expected == {"jvm": ["Invented1CountVowelRunsTest.mainChecksPass"]}
    assert vowels.spec.tags == ["multipl-e", "humaneval"] and vowels.spec.targets == ["jvm"]
    assert "no-reference" in initials.spec.tags and "no-reference" not in clamp.spec.tags
    # a body continuation (vowels) and a whole program (clamp) both give a closed function
    for task, rel in ((vowels, "Invented1CountVowelRuns.kt"), (clamp, "Invented2ClampSum.kt")):
        done = (_applied(task, tmp_path / task.id) / "src/jvmMain/kotlin" / rel).read_text()
        assert "TODO(" not in done and brace_depth(done) == 0
    assert "sumOf { it.coerceIn(lo, hi) }" in (tmp_path / clamp.id / "src/jvmMain/kotlin"
                                                / "Invented2ClampSum.kt").read_text()
    suite = yaml.safe_load((imported / "multipl-e.suite.yaml").read_text())
    assert suite["tasks"] == ["multipl-e-*"] and suite["tasks_dir"] == "."


def test_a_reimport_keeps_expected_json(imported):
    expected = imported / "exercism-gregorian-leap" / "expected.json"
    expected.write_text(json.dumps({"jvm": ["GregorianLeapTest.x"]}))
    import_benchmark("exercism", TRACK, imported)
    assert json.loads(expected.read_text()) == {"jvm": ["GregorianLeapTest.x"]}


def _one_line_error(proc, *needles: str) -> str:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    message = " ".join(lines)
    for needle in needles:
        assert needle in message, message
    assert "Traceback" not in proc.stderr
    return message


def test_import_errors_are_one_line(tmp_path):
    into = tmp_path / "out"
    _one_line_error(run_cli("import", "exercism", str(tmp_path / "nope"), "--into", str(into)),
                    "nope: not found")
    _one_line_error(run_cli("import", "humaneval-x", str(HUMANEVAL), "--into", str(into)),
                    "unknown format 'humaneval-x'", "exercism, multipl-e")
    bad = tmp_path / "bad.jsonl"
    lines = HUMANEVAL.read_text().splitlines()
    bad.write_text(lines[0] + "\n" + lines[1][:40] + "\n")
    _one_line_error(run_cli("import", "multipl-e", str(bad), "--into", str(into)),
                    f"{bad}:2: malformed JSON")
    track = tmp_path / "track"
    shutil.copytree(PRACTICE, track)
    shutil.rmtree(track / "factor-chimes" / "src" / "test")
    _one_line_error(run_cli("import", "exercism", str(track), "--into", str(into)),
                    "factor-chimes", "no tests")
    # a bad problem anywhere writes nothing
    assert not into.exists() or not any(into.iterdir())


@pytest.mark.slow
def test_imported_tasks_validate_with_the_real_compiler(imported, tmp_path, toolchain,
                                                        local_opener):
    suite = imported / "pair.yaml"
    suite.write_text(yaml.safe_dump({"name": "import-pair", "tasks_dir": ".", "tasks": [
        "exercism-gregorian-leap", "multipl-e-invented-2-clamp-sum"]}))
    proc = run_cli("validate", "--suite", str(suite), "--runs-dir", str(tmp_path / "runs"),
                   "--write-expected", timeout=1800)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "all 2 tasks valid" in proc.stdout
    leap = load_task(imported / "exercism-gregorian-leap")
    assert len(leap.expected["jvm"]) == 5  # every @Ignore'd test ran and passed
    assert "GregorianLeapTest.year zero is rejected" in leap.expected["jvm"]
    # Kotlin's assert() is off without -ea; the imported checks must fail a wrong answer anyway
    clamp = load_task(imported / "multipl-e-invented-2-clamp-sum")
    rel = "src/jvmMain/kotlin/Invented2ClampSum.kt"
    wrong = (clamp.repo / rel).read_text().replace('TODO("implement clampSum")',
                                                   "return values.sum()")
    grade = evaluate_patch(clamp, patch_for(clamp, {rel: wrong}), tmp_path / "wrong",
                           local_opener, Timeouts(240, 60))
    assert grade.status == "tests_failed", grade.detail
    assert "Invented2ClampSumTest.mainChecksPass" in grade.detail


@pytest.mark.slow
def test_a_junit5_exercise_validates_with_nested_classes(imported, tmp_path, toolchain):
    suite = imported / "tally.yaml"
    suite.write_text(yaml.safe_dump({"name": "import-tally", "tasks_dir": ".",
                                     "tasks": ["exercism-tally-sheet"]}))
    proc = run_cli("validate", "--suite", str(suite), "--runs-dir", str(tmp_path / "runs"),
                   "--write-expected", timeout=1800)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    names = load_task(imported / "exercism-tally-sheet").expected["jvm"]
    assert len(names) == 7  # every @Ignore'd and @Disabled test ran, in every nested class
    assert "TallySheetTest$Empty.an empty sheet has no leader()" in names
    assert "TallySheetTest$Leader.an empty sheet has no leader()" in names
    # the fixture needs JUnit 5: under JUnit 4 the nested classes cannot run (Exercism's forth)
    spec = imported / "exercism-tally-sheet" / "task.yaml"
    spec.write_text(spec.read_text().replace("test_framework: junit5", "test_framework: junit4"))
    proc = run_cli("validate", "--suite", str(suite), "--runs-dir", str(tmp_path / "runs"),
                   timeout=1800)
    assert proc.returncode == 1 and "gold patch fails" in proc.stderr, proc.stdout + proc.stderr
