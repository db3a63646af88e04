"""Real kotlinc + JUnit in the local sandbox: damaged gold patches get the right status."""

from __future__ import annotations

import json

import pytest

from kateval.evaluate import Timeouts, evaluate_patch
from tests.conftest import patch_for

pytestmark = pytest.mark.slow
SUM = "src/commonMain/kotlin/tiny/Sum.kt"
FAST = Timeouts(build_s=240, test_s=10)


def body(expr: str) -> dict[str, str]:
    return {SUM: f"package tiny\n\nfun positiveTotal(xs: List<Int>): Int {{\n{expr}\n}}\n"}


def test_gold_passes_with_per_test_outcomes(tiny_task, local_opener, tmp_path):
    g = evaluate_patch(tiny_task, tiny_task.gold_patch, tmp_path, local_opener, FAST)
    assert g.status == "passed", g
    names = {"tiny.TinySumTest.empty", "tiny.TinySumTest.mixed", "tiny.TinySumTest.allNegative"}
    # kotlin.test on the JVM runs under JUnit 4 (vintage), as Gradle would; JS runs on mocha.
    assert {(t.name, t.target) for t in g.tests} == {(n, tg) for n in names for tg in ("jvm", "js")}
    assert all(t.outcome == "passed" for t in g.tests)
    assert (tmp_path / "junit" / "jvm" / "TEST-tiny.TinySumTest.xml").is_file()
    assert (tmp_path / "junit" / "js" / "TEST-js.xml").is_file()
    steps = json.loads((tmp_path / "steps.json").read_text())
    assert [s["name"] for s in steps] == ["check-sources", "compile-jvm", "compile-jvm-tests",
                                          "check-classes", "compile-js", "compile-js-tests",
                                          "link-js", "test-jvm", "test-js"]
    assert (tmp_path / "patch.diff").read_text().startswith("diff --git")


def test_base_repo_fails_its_hidden_tests(tiny_task, local_opener, tmp_path):
    g = evaluate_patch(tiny_task, None, tmp_path, local_opener, FAST)
    assert g.status == "tests_failed"
    assert len(g.tests) == 6 and not any(t.outcome == "passed" for t in g.tests)
    assert any("not implemented" in t.message for t in g.tests)  # TODO() threw


def test_jvm_only_api_in_common_code_is_build_failed(tiny_task, local_opener, tmp_path):
    patch = patch_for(tiny_task, body(
        "    val t = System.currentTimeMillis()\n    return xs.filter { it > 0 }.sum() + (t - t).toInt()"))
    g = evaluate_patch(tiny_task, patch, tmp_path, local_opener, FAST)
    assert g.status == "build_failed", g
    log = (tmp_path / "build.log").read_text()
    assert "System" in log and "error:" in log


def test_wrong_answer_is_tests_failed(tiny_task, local_opener, tmp_path):
    g = evaluate_patch(tiny_task, patch_for(tiny_task, body("    return xs.sum()")), tmp_path,
                       local_opener, FAST)
    assert g.status == "tests_failed", g
    for target in ("jvm", "js"):
        outcomes = {t.name.split(".")[-1]: t.outcome for t in g.tests if t.target == target}
        assert outcomes == {"empty": "passed", "mixed": "failed", "allNegative": "failed"}, target


def test_infinite_loop_is_timeout(tiny_task, local_opener, tmp_path):
    patch = patch_for(tiny_task, body("    var i = 0\n    while (xs.size >= 0) { i++ }\n    return i"))
    g = evaluate_patch(tiny_task, patch, tmp_path, local_opener, Timeouts(240, 5))
    assert g.status == "timeout", g
    steps = json.loads((tmp_path / "steps.json").read_text())
    assert steps[-1]["name"] == "test-jvm" and steps[-1]["timed_out"]
    assert steps[-1]["duration_s"] < 30


def test_malformed_patch_is_patch_failed(tiny_task, local_opener, tmp_path):
    g = evaluate_patch(tiny_task, "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-nope\n+yes\n", tmp_path,
                       local_opener, FAST)
    assert g.status == "patch_failed"
    assert not (tmp_path / "steps.json").exists()
