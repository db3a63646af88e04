"""Cold (kotlinc) and warm give the same status and per-target test outcomes.

Core tasks with their gold patches (one of them expect/actual, with JS actuals), and three
damaged gold patches of the kmp-percent fixture: a JVM-only API in common code (fails the
JS compile), a wrong answer (fails tests on both targets), an infinite loop (times out).
Main compiled apart from its tests: main code that uses a test framework fails to build,
tests see main's `internal`, and a class moved into a reserved package is refused.
"""

from __future__ import annotations

import pytest

from kateval.tasks import load_task
from tests.conftest import REPO_ROOT, patch_for
from tests.toolchains.conftest import core_task, fixture_task
from tests.toolchains.test_conformance import GOLD_PERCENT, PERCENT_FILE, percent_source

pytestmark = pytest.mark.slow
CORE = ["fn-billable-weight", "parse-dotenv-file", "platform-fixed-decimal-amounts"]
JS_GOLD = {"src/jsMain/kotlin/fx/Platform.js.kt":
           'package fx\n\nactual fun platformTag(): String = "js"\n'}
DAMAGED = {
    "jvm-only-api": ("fun percentOf(part: Long, total: Long): Int =\n"
                     "    if (total == 0L) 0 else java.lang.Math.floorDiv(part * 200 + total, "
                     "2 * total).toInt()", "build_failed"),
    "wrong-answer": ("fun percentOf(part: Long, total: Long): Int =\n"
                     "    if (total == 0L) 0 else (part * 100 / total).toInt()", "tests_failed"),
    "infinite-loop": ("fun percentOf(part: Long, total: Long): Int {\n"
                      "    var spins = 0L\n    while (part >= 0) spins++\n"
                      "    return spins.toInt()\n}", "timeout"),
}


def _same(evaluate, task, case, patch):
    cold = evaluate("kotlinc", task, case, patch)
    warm = evaluate("warm", task, case, patch)
    assert warm.grade.status == cold.grade.status, (cold.grade.detail, warm.grade.detail)
    assert warm.per_target == cold.per_target
    assert warm.outcomes == cold.outcomes
    return cold


@pytest.mark.parametrize("task_id", CORE)
def test_core_gold_patch(evaluate, task_id):
    task = core_task(task_id)
    cold = _same(evaluate, task, "gold", task.gold_patch)
    assert cold.grade.status == "passed", cold.grade.detail
    assert set(cold.per_target) == set(task.spec.targets)


@pytest.mark.parametrize("case", sorted(DAMAGED))
def test_damaged_gold_patch(evaluate, case):
    body, status = DAMAGED[case]
    task = fixture_task("kmp-percent")
    patch = patch_for(task, {PERCENT_FILE: percent_source(body), **JS_GOLD})
    cold = _same(evaluate, task, case, patch)
    assert cold.grade.status == status, cold.grade.detail
    if case == "jvm-only-api":  # the JVM compiles it; the JS compile is what refuses it
        failed = [s["name"] for s in cold.steps if s["returncode"] != 0]
        assert failed == ["compile-js"]


CHECKED_PERCENT = ("fun percentOf(part: Long, total: Long): Int {{\n    {check}(total >= 0)\n"
                   "    return if (total == 0L) 0 else ((part * 200 + total) / "
                   "(2 * total)).toInt()\n}}")
MAIN_MISUSE = {
    # Main code compiles as Gradle compiles it: no test framework on its class path.
    "main-uses-kotlin-test": ("kotlin.test.assertTrue", "unresolved reference 'test'"),
    "main-uses-junit": ("org.junit.Assert.assertTrue", "unresolved reference 'junit'"),
}
JVM_PACKAGE_NAME = ('@file:Suppress("INVISIBLE_MEMBER", "INVISIBLE_REFERENCE")\n'
                    '@file:kotlin.jvm.JvmPackageName("kotlin.sneaky")\n')


@pytest.mark.parametrize("case", sorted(MAIN_MISUSE))
def test_main_code_cannot_use_the_test_frameworks(evaluate, case):
    check, message = MAIN_MISUSE[case]
    task = fixture_task("kmp-percent")
    body = CHECKED_PERCENT.format(check=check)
    cold = _same(evaluate, task, case, patch_for(task, {PERCENT_FILE: percent_source(body),
                                                         **JS_GOLD}))
    assert cold.grade.status == "build_failed", cold.grade.detail
    assert [s["name"] for s in cold.steps if s["returncode"] != 0] == ["compile-jvm"]
    assert f"{PERCENT_FILE}:4:" in cold.log and f"error: {message}" in cold.log


def test_a_facade_moved_into_a_reserved_package_is_caught_in_the_classes(evaluate):
    """`@file:JvmPackageName` keeps the package header and moves the file's class: the
    second layer, the compiled classes, refuses it."""
    task = fixture_task("kmp-percent")
    source = JVM_PACKAGE_NAME + percent_source(GOLD_PERCENT)
    cold = _same(evaluate, task, "jvm-package-name",
                 patch_for(task, {PERCENT_FILE: source, **JS_GOLD}))
    assert cold.grade.status == "build_failed", cold.grade.detail
    assert cold.steps[-1]["name"] == "check-classes"
    assert "jvm-main/kotlin/sneaky/PercentKt.class: a class in package kotlin.sneaky" \
        in cold.grade.detail


def test_tests_see_internal_and_both_sides_keep_expect_actual(evaluate):
    """Hidden tests compile apart from main but against it, as a friend: they call an
    internal function; main's and the tests' own expect/actual resolve per platform; a
    jvmTest class uses JUnit itself."""
    task = fixture_task("kmp-internal")
    cold = _same(evaluate, task, "gold", task.gold_patch)
    assert cold.grade.status == "passed", cold.grade.detail
    for target in ("jvm", "js"):
        ran = {name for (t, name), outcome in cold.outcomes.items()
               if t == target and outcome == "passed"}
        assert ran == set(task.expected[target])


def test_a_reserved_package_fails_both_alike(evaluate):
    task = fixture_task("kmp-percent")
    source = percent_source(GOLD_PERCENT).replace("package fx", "package kotlin.test.evil")
    cold = _same(evaluate, task, "reserved", patch_for(task, {PERCENT_FILE: source}))
    assert cold.grade.status == "build_failed"
    assert "package kotlin.test.evil belongs to the Kotlin standard library" in cold.grade.detail


def test_gold_sanity(evaluate):
    """The undamaged patch these are made from passes, so each damage is what fails."""
    task = fixture_task("kmp-percent")
    patch = patch_for(task, {PERCENT_FILE: percent_source(GOLD_PERCENT), **JS_GOLD})
    assert _same(evaluate, task, "gold-rebuilt", patch).grade.status == "passed"


def test_bench_floor_task(evaluate):
    """bench/toolchain_bench.py --floor times this task: it must pass, with every test it
    names, on both targets, or the floor it prints measures a failure."""
    task = load_task(REPO_ROOT / "bench" / "floor" / "floor-next-int")
    warm = evaluate("warm", task, "gold", task.gold_patch)
    assert warm.grade.status == "passed", warm.grade.detail
    for target in task.spec.targets:
        ran = {name for (t, name), outcome in warm.outcomes.items()
               if t == target and outcome == "passed"}
        assert ran == set(task.expected[target])
