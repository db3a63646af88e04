"""Cold (kotlinc) and warm give the same status and per-target test outcomes.

Core tasks with their gold patches (one of them expect/actual, with JS actuals), and three
damaged gold patches of the kmp-percent fixture: a JVM-only API in common code (fails the
JS compile), a wrong answer (fails tests on both targets), an infinite loop (times out).
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
