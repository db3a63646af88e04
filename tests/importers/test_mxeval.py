"""`kateval import mxeval` on a file written here in MXEval's format (our own small problems,
not the benchmarks' content): one with a plain body reference and assert() checks, one with
imports in its prompt and test, a `main(args)` and a helper, one without a reference, one whose
reference is wrong, and one whose reference repeats the signature. Real git applies the gold
patches; the slow test validates all five with the real compiler and JUnit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kateval import workspace
from kateval.evaluate import evaluate_patch
from kateval.importers import import_benchmark
from kateval.importers.common import BenchmarkError
from kateval.importers.mxeval import to_task
from kateval.importers.program import LEGACY_PATH, brace_depth, main_call, with_header
from kateval.tasks import load_task
from kateval.toolchains import Timeouts
from tests.conftest import patch_for, run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "mxeval-kt-invented.jsonl"
PROBLEMS = [json.loads(line) for line in FIXTURE.read_text().splitlines()]


@pytest.fixture
def imported(tmp_path) -> Path:
    into = tmp_path / "imported"
    import_benchmark("mxeval", FIXTURE, into)
    return into


def _gold(task, dest: Path, rel: str) -> str:
    repo = workspace.create(task, dest)
    result = workspace.apply_patch(repo, task.gold_patch, task.spec.editable)
    assert result.ok, result.log
    return (dest / rel).read_text()


def test_problems_become_tasks_with_one_generated_junit_test(imported):
    names = sorted(p.name for p in imported.iterdir())
    assert names == [f"mxeval-invented-{i}" for i in range(1, 6)] + ["mxeval.suite.yaml"]
    digits = load_task(imported / "mxeval-invented-1")
    assert digits.spec.targets == ["jvm"] and digits.spec.test_framework == "junit4"
    assert digits.spec.tags == ["mxeval", "invented"]
    assert digits.expected == {"jvm": ["Invented1Test.mainChecksPass"]}
    assert "no-reference" in load_task(imported / "mxeval-invented-3").spec.tags
    stub = (digits.repo / "src/jvmMain/kotlin/Invented1.kt").read_text()
    assert 'TODO("implement digitSum")' in stub and brace_depth(stub) == 0
    assert stub.startswith(PROBLEMS[0]["prompt"])  # the prompt itself, then the TODO body
    # source.json: the benchmark's id and its grading rules, for comparing scores
    source = json.loads((digits.root / "source.json").read_text())
    assert source["task_id"] == "Invented/1" and source["entry_point"] == "digitSum"
    assert "\n}\n" in source["grading"]["stop_sequences"]
    assert "java -jar" in source["grading"]["run"]
    assert "`digitSum`" in digits.instruction and "src/jvmMain/kotlin/Invented1.kt" in \
        digits.instruction
    suite = yaml.safe_load((imported / "mxeval.suite.yaml").read_text())
    assert suite["tasks"] == ["mxeval-*"]


def test_the_test_file_runs_main_with_its_helpers_and_imports_on_top(imported):
    gap = load_task(imported / "mxeval-invented-2")
    test = (gap.hidden / "src/jvmTest/kotlin/Invented2Test.kt").read_text()
    # the prompt's imports (the test calls abs) and the test's own, before any declaration
    for line in ("import kotlin.math.abs", "import kotlin.math.sign"):
        assert test.index(line) < test.index("fun expectEqual(")
    assert test.count("import kotlin.math.sign") == 1
    assert "main(arrayOf())" in test and "@org.junit.Test" in test  # fun main(args: ...)
    assert "private fun assert(value: Boolean)" in test
    assert brace_depth(test) == 0
    digits = (imported / "mxeval-invented-1/hidden/src/jvmTest/kotlin/Invented1Test.kt")
    assert "        main()\n" in digits.read_text()
    stub = (gap.repo / "src/jvmMain/kotlin/Invented2.kt").read_text()
    assert stub.startswith("import kotlin.math.abs\nimport kotlin.math.max\n\n/**")


def test_references_in_each_shape_complete_the_prompt(imported, tmp_path):
    digits = load_task(imported / "mxeval-invented-1")  # a body and its closing brace
    done = _gold(digits, tmp_path / "1", "src/jvmMain/kotlin/Invented1.kt")
    assert done == PROBLEMS[0]["prompt"] + PROBLEMS[0]["canonical_solution"]
    gap = load_task(imported / "mxeval-invented-2")  # a list of lines (JetBrains' shape)
    done = _gold(gap, tmp_path / "2", "src/jvmMain/kotlin/Invented2.kt")
    assert "widest = max(widest, abs(values[i] - values[i - 1]))" in done
    assert brace_depth(done) == 0 and "TODO(" not in done
    pal = load_task(imported / "mxeval-invented-5")  # the signature again, and a helper
    done = _gold(pal, tmp_path / "5", "src/jvmMain/kotlin/Invented5.kt")
    assert done.count("fun palindromes(") == 1 and "fun isPalindrome(" in done
    assert "Keep the values that read the same backwards" in done  # the prompt's doc stays
    assert brace_depth(done) == 0


def _problem(**changes) -> dict:
    return {**PROBLEMS[0], **changes}


def test_list_references_are_lines_or_alternatives():
    lines = to_task(_problem(canonical_solution=["    return 7", "}"]), "f:1")
    assert "    return 7\n}" in lines.solution_files["src/jvmMain/kotlin/Invented1.kt"]
    whole = "fun digitSum(n : Int) : Int {\n    return %d\n}\n"
    both = to_task(_problem(canonical_solution=[whole % 1, whole % 2]), "f:1")
    gold = both.solution_files["src/jvmMain/kotlin/Invented1.kt"]
    assert gold.count("fun digitSum(") == 1 and "return 1" in gold  # the first alternative
    assert to_task(_problem(canonical_solution=[]), "f:1").solution_files is None
    assert to_task(_problem(canonical_solution="  \n"), "f:1").solution_files is None


def test_real_world_variants():
    # a test that closes the prompt's function itself (MultiPL-E's way) and a body without it
    closing = to_task(_problem(test="}\n" + PROBLEMS[0]["test"],
                               canonical_solution="    return 0\n"), "f:1")
    assert brace_depth(closing.solution_files["src/jvmMain/kotlin/Invented1.kt"]) == 0
    assert brace_depth(closing.hidden_files["src/jvmTest/kotlin/Invented1Test.kt"]) == 0
    # an expression body, a vararg main, and no entry_point field
    expr = to_task(_problem(prompt="fun sq(x : Int) : Int =\n", entry_point=None,
                            test="fun main(vararg args: String) {\n    check(sq(3) == 9)\n}\n",
                            canonical_solution="    x * x\n"), "f:1")
    assert expr.repo_files["src/jvmMain/kotlin/Invented1.kt"] == \
        'fun sq(x : Int) : Int = TODO("implement sq")\n'
    assert "        main()\n" in expr.hidden_files["src/jvmTest/kotlin/Invented1Test.kt"]
    # calls that Kotlin 2.1 made errors get a same-package stand-in, only when used
    legacy = to_task(_problem(canonical_solution="    return n.toString().toLowerCase().length\n}"),
                     "f:1")
    assert "fun String.toLowerCase(): String = lowercase()" in legacy.repo_files[LEGACY_PATH]
    assert LEGACY_PATH not in to_task(_problem(), "f:1").repo_files


def test_headers_keep_kotlins_order():
    code = "import a.B;\nfun f() {}\n@file:JvmName(\"X\")\npackage p.q\nimport c.*\n"
    assert with_header(code, ["import d.E", "import a.B"]) == (
        '@file:JvmName("X")\n\npackage p.q\n\nimport a.B\nimport c.*\nimport d.E\n\nfun f() {}\n')
    assert main_call("fun main(args: Array<String>) {}") == "main(arrayOf())"
    assert main_call("fun main() {}") == main_call("fun main(vararg a: String) {}") == "main()"


@pytest.mark.parametrize("changes, needle", [
    ({"language": "java"}, "field 'language' is 'java'"),
    ({"test": ""}, "field 'test' is missing or empty"),
    ({"test": "fun check() {}\n"}, "field 'test': no `fun main()`"),
    ({"canonical_solution": {"body": "x"}}, "field 'canonical_solution'"),
    ({"prompt": "/** no function */\n", "entry_point": "f"}, "field 'prompt'"),
])
def test_malformed_problems_name_the_field(changes, needle):
    with pytest.raises(BenchmarkError, match="^f:7: ") as caught:
        to_task(_problem(**changes), "f:7")
    assert needle in str(caught.value)


def test_import_errors_are_one_line_and_write_nothing(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(FIXTURE.read_text() + json.dumps(_problem(task_id="X/1", language="go")))
    into = tmp_path / "out"
    proc = run_cli("import", "mxeval", str(bad), "--into", str(into))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"{bad}:6: field 'language' is 'go'" in " ".join(proc.stderr.split())
    assert "Traceback" not in proc.stderr
    assert not into.exists() or not any(into.iterdir())


@pytest.mark.slow
def test_validate_reports_each_kind_of_problem(imported, tmp_path, toolchain, local_opener):
    proc = run_cli("validate", "--suite", str(imported / "mxeval.suite.yaml"), "--runs-dir",
                   str(tmp_path / "runs"), timeout=1800)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    verdict = " ".join(proc.stderr.split())  # the one line that lists every invalid task
    assert "2 invalid or flaky task(s)" in verdict, verdict
    assert "mxeval-invented-3: no reference solution" in verdict
    assert "mxeval-invented-4: gold patch fails" in verdict
    assert "mxeval-invented-3: gold patch" not in verdict
    # Kotlin's assert() counts here although MXEval's `java -jar` has no -ea: an answer that
    # passes the thrown check but not the asserts fails
    digits = load_task(imported / "mxeval-invented-1")
    rel = "src/jvmMain/kotlin/Invented1.kt"
    wrong = (digits.repo / rel).read_text().replace('TODO("implement digitSum")',
                                                    "return if (n == -407) 11 else 1")
    grade = evaluate_patch(digits, patch_for(digits, {rel: wrong}), tmp_path / "wrong",
                           local_opener, Timeouts(240, 60))
    assert grade.status == "tests_failed", grade.detail
    assert "Invented1Test.mainChecksPass" in grade.detail
