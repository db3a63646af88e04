"""From a gold patch to mutant patches, with real git: only the lines the gold patch adds in
editable non-test Kotlin files, a capped deterministic spread over the operators, and patches
that apply to repo/ and give exactly the gold solution with one mutation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kateval import workspace
from kateval.errors import ConfigError
from kateval.mutants.operators import OPERATORS, Mutation
from kateval.mutants.plan import Site, added_lines, choose, plan_mutants, reaching
from kateval.tasks import load_task
from tests.conftest import FIXTURES

WEAK = FIXTURES / "tasks" / "mutants-weak"
SOURCE = "src/commonMain/kotlin/counting/Count.kt"

GOLD_WITH_TESTS = """\
diff --git a/src/commonMain/kotlin/a/A.kt b/src/commonMain/kotlin/a/A.kt
--- a/src/commonMain/kotlin/a/A.kt
+++ b/src/commonMain/kotlin/a/A.kt
@@ -1,3 +1,4 @@
 package a
-fun f() = 1
+fun f() = 2
+fun g() = 3
 // end
diff --git a/src/commonTest/kotlin/a/ATest.kt b/src/commonTest/kotlin/a/ATest.kt
new file mode 100644
--- /dev/null
+++ b/src/commonTest/kotlin/a/ATest.kt
@@ -0,0 +1 @@
+class ATest
diff --git a/src/jvmMain/kotlin/a/B.kt b/src/jvmMain/kotlin/a/B.kt
new file mode 100644
--- /dev/null
+++ b/src/jvmMain/kotlin/a/B.kt
@@ -0,0 +1,2 @@
+package a
+fun h() = 4
diff --git a/README.md b/README.md
--- a/README.md
+++ b/README.md
@@ -1 +1 @@
-old
+new
"""


def test_added_lines_are_the_gold_patch_s_own_in_editable_kotlin_sources_only():
    assert added_lines(GOLD_WITH_TESTS, ["src/commonMain/**", "src/jvmMain/**",
                                         "src/commonTest/**", "README.md"]) == {
        "src/commonMain/kotlin/a/A.kt": {2, 3}, "src/jvmMain/kotlin/a/B.kt": {1, 2}}
    assert added_lines(GOLD_WITH_TESTS, ["src/commonMain/**"]) == {
        "src/commonMain/kotlin/a/A.kt": {2, 3}}


def test_a_platform_source_set_reaches_only_its_own_target():
    both = ["jvm", "js"]
    assert reaching("src/commonMain/kotlin/a/A.kt", both) == ("jvm", "js")
    assert reaching("src/jvmMain/kotlin/a/A.jvm.kt", both) == ("jvm",)
    assert reaching("src/jsMain/kotlin/a/A.js.kt", both) == ("js",)
    assert reaching("src/nativeMain/kotlin/a/A.kt", both) == ("jvm", "js")
    assert reaching("src/commonMain/kotlin/jvmMain/A.kt", ["jvm"]) == ("jvm",)


def candidates(counts: dict[str, int]) -> dict[str, list[Site]]:
    return {op: [Site("F.kt", Mutation(op, i, i + 1, "x", i, 1, f"{op} {i}"), ("jvm",))
                 for i in range(n)] for op, n in counts.items()}


def test_choose_takes_each_operator_in_turn_and_spreads_within_one():
    found = candidates({"compare": 9, "off-by-one": 30, "negate": 1, "drop": 0,
                        "default-return": 2})
    chosen = [site.mutation.description for site in choose(found, 12)]
    # Quotas in turn: compare 5, off-by-one 4, negate 1 (all it has), default-return 2.
    assert chosen == ["compare 0", "compare 2", "compare 4", "compare 6", "compare 8",
                      "off-by-one 0", "off-by-one 10", "off-by-one 19", "off-by-one 29",
                      "negate 0", "default-return 0", "default-return 1"]
    assert len(choose(found, 100)) == 42


def test_choose_is_capped_and_never_repeats():
    found = candidates({op: 5 for op in OPERATORS})
    for limit in (1, 3, 5, 7, 25):
        chosen = choose(found, limit)
        assert len(chosen) == limit and len(set(chosen)) == limit
    assert {site.mutation.operator for site in choose(found, 5)} == set(OPERATORS)


def test_each_mutant_patch_is_the_gold_solution_with_one_mutation(tmp_path):
    task = load_task(WEAK)
    plan = plan_mutants(task, 12, tmp_path / "plan")
    assert plan.sites == {"compare": 1, "off-by-one": 1, "negate": 1, "drop": 1,
                          "default-return": 1}
    assert [m.operator for m in plan.mutants] == list(OPERATORS)
    assert [m.id for m in plan.mutants] == ["m01", "m02", "m03", "m04", "m05"]
    gold = workspace.create(task, tmp_path / "gold")
    assert workspace.apply_patch(gold, task.gold_patch, task.spec.editable).ok
    gold_text = (tmp_path / "gold" / SOURCE).read_text()
    seen = set()
    for mutant in plan.mutants:
        repo = workspace.create(task, tmp_path / mutant.id)
        assert workspace.apply_patch(repo, mutant.patch, task.spec.editable).ok, mutant.id
        text = (tmp_path / mutant.id / SOURCE).read_text()
        differing = [(a, b) for a, b in zip(gold_text.splitlines(), text.splitlines()) if a != b]
        assert len(differing) == 1, (mutant.id, differing)
        assert f"-{differing[0][0]}\n+{differing[0][1]}\n" in mutant.diff
        assert mutant.file == SOURCE and mutant.targets == ("jvm", "js") and text not in seen
        seen.add(text)
    drop = plan.mutants[3]
    assert drop.description == "drop `count++`" and "if (x > limit) {}" in drop.diff


def test_the_same_task_and_cap_give_the_same_mutants(tmp_path):
    task = load_task(Path(__file__).parents[2] / "tasks" / "fn-group-digits")
    first = plan_mutants(task, 7, tmp_path / "a")
    second = plan_mutants(task, 7, tmp_path / "b")
    assert [m.summary() for m in first.mutants] == [m.summary() for m in second.mutants]
    assert len(first.mutants) == 7 and {m.operator for m in first.mutants} == set(OPERATORS)
    assert [m.patch for m in first.mutants] == [m.patch for m in second.mutants]


def test_mutants_a_task_marks_equivalent_are_left_out_on_the_targets_it_names(tmp_path):
    shutil.copytree(WEAK, tmp_path / "mutants-weak")
    (tmp_path / "mutants-weak" / "mutants.yaml").write_text(f"""\
equivalent:
  - file: {SOURCE}
    line: 7
    change: "`>` -> `>=`"
    why: a test fixture's claim, to see it honoured
  - file: {SOURCE}
    line: 7
    change: "`x > limit` -> `!(x > limit)`"
    targets: [js]
    why: only the JS tests are said to miss this one
  - file: {SOURCE}
    line: 3
    change: "`<` -> `<=`"
    why: names a mutation the gold solution does not have
""")
    plan = plan_mutants(load_task(tmp_path / "mutants-weak"), 12, tmp_path / "plan")
    assert plan.equivalent == 1 and plan.sites["compare"] == 0
    assert [(m.operator, m.targets) for m in plan.mutants] == [
        ("off-by-one", ("jvm", "js")), ("negate", ("jvm",)), ("drop", ("jvm", "js")),
        ("default-return", ("jvm", "js"))]
    assert [(e["line"], e["change"]) for e in plan.unmatched] == [(3, "`<` -> `<=`")]


def test_a_mutants_file_without_a_reason_is_one_line_naming_the_field(tmp_path):
    shutil.copytree(WEAK, tmp_path / "mutants-weak")
    (tmp_path / "mutants-weak" / "mutants.yaml").write_text(
        f"equivalent:\n  - file: {SOURCE}\n    line: 7\n    change: x\n")
    with pytest.raises(ConfigError, match=r"mutants.yaml: field 'equivalent.0.why'"):
        plan_mutants(load_task(tmp_path / "mutants-weak"), 12, tmp_path / "plan")
