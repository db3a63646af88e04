"""Every toolchain through the same cases, with real compilers, JUnit, node and bwrap."""

from __future__ import annotations

import pytest

from kateval.toolchains import TOOLCHAINS
from kateval.toolchains.kmp import compiler_errors
from tests.conftest import patch_for
from tests.toolchains.conftest import fixture_task

pytestmark = pytest.mark.slow
# gradle builds these KMP fixtures only where the Kotlin Gradle plugin resolves (README,
# "Gradle"); its own cases, with Debian's Gradle, are in test_gradle.py.
KOTLIN_TOOLCHAINS = tuple(name for name in TOOLCHAINS if name != "gradle")
GOLD_PERCENT = ("fun percentOf(part: Long, total: Long): Int =\n"
                "    if (total == 0L) 0 else ((part * 200 + total) / (2 * total)).toInt()")
PERCENT_FILE = "src/commonMain/kotlin/fx/Percent.kt"


def percent_source(body: str) -> str:
    return (f"package fx\n\n{body}\n\n"
            "/** \"jvm\" or \"js\": the platform the code runs on. */\nexpect fun platformTag(): String\n")


@pytest.mark.parametrize("name", KOTLIN_TOOLCHAINS)
def test_gold_patch_passes_on_jvm_and_js(evaluate, name):
    task = fixture_task("kmp-percent")
    result = evaluate(name, task, "gold", task.gold_patch)
    assert result.grade.status == "passed", result.grade.detail
    assert result.per_target == {"jvm": "passed", "js": "passed"}
    # Expected names are the same on both targets: classname.method, as JUnit 4 writes them.
    assert {n for (t, n) in result.outcomes if t == "js"} == set(task.expected["js"])


@pytest.mark.parametrize("name", KOTLIN_TOOLCHAINS)
def test_js_actual_left_as_todo_fails_on_js_only(evaluate, name):
    task = fixture_task("kmp-percent")
    patch = patch_for(task, {PERCENT_FILE: percent_source(GOLD_PERCENT)})
    result = evaluate(name, task, "js-todo", patch)
    assert result.grade.status == "tests_failed"
    assert result.per_target == {"jvm": "passed", "js": "tests_failed"}
    js = {n: o for (t, n), o in result.outcomes.items() if t == "js"}
    # One testcase per Kotlin test, and the run goes on after the first failure.
    assert js == {"fx.PercentTest.knowsItsPlatform": "failed", "fx.PercentTest.half": "passed",
                  "fx.PercentTest.roundsHalfUp": "passed", "fx.PercentTest.zeroTotal": "passed",
                  "fx.PercentTest.beyondInt": "passed"}


@pytest.mark.parametrize("name", KOTLIN_TOOLCHAINS)
def test_base_repo_reports_every_js_test_failed(evaluate, name):
    task = fixture_task("kmp-percent")
    result = evaluate(name, task, "base", None)
    js = [o for (t, _), o in result.outcomes.items() if t == "js"]
    assert js == ["failed"] * 5
    assert result.per_target["jvm"] == "tests_failed"


@pytest.mark.parametrize("name", KOTLIN_TOOLCHAINS)
def test_junit4_expected_exception_passes(evaluate, name):
    task = fixture_task("junit4-expected")
    result = evaluate(name, task, "gold", task.gold_patch)
    assert result.grade.status == "passed", result.grade.detail
    assert result.outcomes[("jvm", "ex.SquareRootTest.negativeIsRejected")] == "passed"


@pytest.mark.parametrize("name", KOTLIN_TOOLCHAINS)
def test_compile_error_keeps_file_line_col(evaluate, name):
    task = fixture_task("kmp-percent")
    patch = patch_for(task, {PERCENT_FILE: percent_source(
        'fun percentOf(part: Long, total: Long): Int = "fifty"')})
    result = evaluate(name, task, "type-error", patch)
    assert result.grade.status == "build_failed"
    errors = compiler_errors(result.log)
    assert errors and errors[0].startswith(f"{PERCENT_FILE}:3:"), result.log[-2000:]
